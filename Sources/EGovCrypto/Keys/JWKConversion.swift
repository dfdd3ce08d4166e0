import COpenSSL
import EGovCore

extension PublicKey {
    /// Imports the public members of a JWK (private members, if present, are ignored).
    ///
    /// The JWK is validated structurally (``JWK/validate()``) and the key by OpenSSL
    /// (`EVP_PKEY_public_check`: the point lies on the curve and in the prime-order subgroup; RSA
    /// moduli are odd composites with an acceptable exponent).
    public init(jwk: JWK) throws(CryptoError) {
        let pointer = try JWKKeys.build(jwk, includePrivate: false)
        try self.init(key: EVPKey(taking: pointer))
    }

    /// This key as a public JWK (`kty`/`crv` per ``JWK``; SM2 keys use `kty: EC, crv: SM2`).
    public func jwk(keyID: String? = nil) throws(CryptoError) -> JWK {
        var jwk = try JWKKeys.export(key, includePrivate: false)
        jwk.kid = keyID
        return jwk
    }
}

extension PrivateKey {
    /// Imports a private JWK. All private members of the key type must be present; the public
    /// members must match the private key (`EVP_PKEY_pairwise_check`, or re-derivation for
    /// Ed25519).
    public init(jwk: JWK) throws(CryptoError) {
        let pointer = try JWKKeys.build(jwk, includePrivate: true)
        try self.init(key: EVPKey(taking: pointer))
    }

    /// This key as a **private** JWK, including `d` (and the RSA CRT members).
    ///
    /// The result is secret key material: store and transmit it like a PKCS#8 private key, never
    /// log it, and publish only ``JWK/publicJWK`` or ``PublicKey/jwk(keyID:)``.
    public func jwk(keyID: String? = nil) throws(CryptoError) -> JWK {
        var jwk = try JWKKeys.export(key, includePrivate: true)
        jwk.kid = keyID
        return jwk
    }
}

/// Internal: OpenSSL 3 construction (`OSSL_PARAM_BLD` + `EVP_PKEY_fromdata`) and export
/// (`EVP_PKEY_get_*_param`) of JWK keys.
enum JWKKeys {
    // EVP_PKEY_PUBLIC_KEY / EVP_PKEY_KEYPAIR (openssl/evp.h) are nested macros that do not
    // import; their values are fixed by the OpenSSL 3 ABI.
    private static let selectPublicKey: Int32 = 0x86
    private static let selectKeyPair: Int32 = 0x87

    static func build(_ jwk: JWK, includePrivate: Bool) throws(CryptoError) -> OpaquePointer {
        let shape = try jwk.checkedShape()
        if includePrivate {
            guard jwk.d != nil else { throw .malformedJWK("a private JWK needs the member d") }
        }
        switch shape {
        case .okp:
            return try ed25519(jwk, includePrivate: includePrivate)
        case .ec:
            return try ec(jwk, includePrivate: includePrivate)
        case .rsa:
            return try rsa(jwk, includePrivate: includePrivate)
        }
    }

    private static func ed25519(_ jwk: JWK, includePrivate: Bool) throws(CryptoError) -> OpaquePointer {
        let publicBytes = try JWK.decode(jwk.x, "x")
        if includePrivate {
            var secret = try JWK.decode(jwk.d, "d")
            defer { OpenSSL.cleanse(&secret) }
            let created = secret.withUnsafeBufferPointer {
                EVP_PKEY_new_raw_private_key_ex(nil, "ED25519", nil, $0.baseAddress, $0.count)
            }
            guard let pointer = created else { throw OpenSSL.failure("EVP_PKEY_new_raw_private_key_ex") }
            let derived: [UInt8]
            do {
                derived = try rawPublicKey(pointer)
            } catch {
                EVP_PKEY_free(pointer)
                throw error
            }
            guard ConstantTime.equals(derived, publicBytes) else {
                EVP_PKEY_free(pointer)
                throw .malformedJWK("the public member x does not match the private key")
            }
            return pointer
        }
        let created = publicBytes.withUnsafeBufferPointer {
            EVP_PKEY_new_raw_public_key_ex(nil, "ED25519", nil, $0.baseAddress, $0.count)
        }
        guard let pointer = created else {
            OpenSSL.clearErrors()
            throw .malformedJWK("x is not an Ed25519 public key")
        }
        return pointer
    }

    private static func ec(_ jwk: JWK, includePrivate: Bool) throws(CryptoError) -> OpaquePointer {
        let isSM2 = jwk.crv == "SM2"
        // The SM2 keymgmt, not "EC" with the SM2 group: an EC key would sign with ECDSA.
        let keymgmt = isSM2 ? "SM2" : "EC"
        let group = jwk.crv == "P-384" ? "P-384" : (isSM2 ? "SM2" : "P-256")
        let point = [0x04] + (try JWK.decode(jwk.x, "x")) + (try JWK.decode(jwk.y, "y"))
        let params = try ParamBuilder()
        try params.pushUTF8("group", group)
        try params.pushOctets("pub", point)
        if includePrivate {
            var secret = try JWK.decode(jwk.d, "d")
            defer { OpenSSL.cleanse(&secret) }
            guard secret.contains(where: { $0 != 0 }) else { throw .malformedJWK("the private scalar d is zero") }
            try params.pushBignum("priv", secret, secret: true)
        }
        return try fromData(keymgmt, params, includePrivate: includePrivate, what: "EC point")
    }

    private static func rsa(_ jwk: JWK, includePrivate: Bool) throws(CryptoError) -> OpaquePointer {
        let params = try ParamBuilder()
        try params.pushBignum("n", try JWK.decodeUInt(jwk.n, "n"), secret: false)
        try params.pushBignum("e", try JWK.decodeUInt(jwk.e, "e"), secret: false)
        if includePrivate {
            let members: [(String?, String, String)] = [
                (jwk.d, "d", "d"), (jwk.p, "p", "rsa-factor1"), (jwk.q, "q", "rsa-factor2"),
                (jwk.dp, "dp", "rsa-exponent1"), (jwk.dq, "dq", "rsa-exponent2"), (jwk.qi, "qi", "rsa-coefficient1"),
            ]
            for (value, name, parameter) in members {
                var bytes = try JWK.decodeUInt(value, name)
                defer { OpenSSL.cleanse(&bytes) }
                try params.pushBignum(parameter, bytes, secret: true)
            }
        }
        return try fromData("RSA", params, includePrivate: includePrivate, what: "RSA key")
    }

    /// `EVP_PKEY_fromdata` followed by OpenSSL's public-key check and, for private keys, the
    /// pairwise consistency check.
    private static func fromData(
        _ keymgmt: String, _ params: ParamBuilder, includePrivate: Bool, what: String
    ) throws(CryptoError) -> OpaquePointer {
        guard let context = EVP_PKEY_CTX_new_from_name(nil, keymgmt, nil) else {
            throw OpenSSL.failure("EVP_PKEY_CTX_new_from_name(\(keymgmt))")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_fromdata_init(context) == 1 else { throw OpenSSL.failure("EVP_PKEY_fromdata_init") }
        let selection = includePrivate ? selectKeyPair : selectPublicKey
        var created: OpaquePointer?
        let ok = try params.withParameters { parameters in
            EVP_PKEY_fromdata(context, &created, selection, parameters)
        }
        guard ok == 1, let pointer = created else {
            OpenSSL.clearErrors()
            throw .malformedJWK("the \(what) is not valid (not on the curve or out of range)")
        }
        guard let check = EVP_PKEY_CTX_new_from_pkey(nil, pointer, nil) else {
            EVP_PKEY_free(pointer)
            throw OpenSSL.failure("EVP_PKEY_CTX_new_from_pkey")
        }
        defer { EVP_PKEY_CTX_free(check) }
        // RSA public keys get EVPKey's deterministic checks instead: OpenSSL's RSA public check
        // is randomised (see `EVPKey.checkRSAPublicNumbers`).
        if keymgmt == "RSA" {
            do {
                try EVPKey.checkRSAPublicNumbers(pointer)
            } catch {
                EVP_PKEY_free(pointer)
                throw .malformedJWK("the \(what) is not valid: \(error.reason)")
            }
        }
        guard keymgmt == "RSA" || EVP_PKEY_public_check(check) == 1 else {
            OpenSSL.clearErrors()
            EVP_PKEY_free(pointer)
            throw .malformedJWK("the \(what) fails OpenSSL's public-key check")
        }
        if includePrivate {
            guard EVP_PKEY_pairwise_check(check) == 1 else {
                OpenSSL.clearErrors()
                EVP_PKEY_free(pointer)
                throw .malformedJWK("the public members do not match the private key")
            }
        }
        return pointer
    }

    // MARK: - Export

    static func export(_ key: EVPKey, includePrivate: Bool) throws(CryptoError) -> JWK {
        let pointer = key.pointer
        switch key.keyType {
        case .ed25519:
            var jwk = JWK(kty: "OKP", crv: "Ed25519", x: Base64URL.encode(try rawPublicKey(pointer)))
            if includePrivate {
                var secret = [UInt8](repeating: 0, count: 32)
                var length = secret.count
                let ok = secret.withUnsafeMutableBufferPointer {
                    EVP_PKEY_get_raw_private_key(pointer, $0.baseAddress, &length)
                }
                defer { OpenSSL.cleanse(&secret) }
                guard ok == 1, length == 32 else { throw OpenSSL.failure("EVP_PKEY_get_raw_private_key") }
                jwk.d = Base64URL.encode(secret)
            }
            return jwk
        case .p256, .p384, .sm2:
            let (crv, length) =
                switch key.keyType {
                case .p384: ("P-384", 48)
                case .sm2: ("SM2", 32)
                default: ("P-256", 32)
                }
            var jwk = JWK(
                kty: "EC", crv: crv,
                x: Base64URL.encode(try bignum(pointer, "qx", padTo: length, secret: false)),
                y: Base64URL.encode(try bignum(pointer, "qy", padTo: length, secret: false)))
            if includePrivate {
                var secret = try bignum(pointer, "priv", padTo: length, secret: true)
                defer { OpenSSL.cleanse(&secret) }
                jwk.d = Base64URL.encode(secret)
            }
            return jwk
        case .rsa:
            var jwk = JWK(
                kty: "RSA",
                n: Base64URL.encode(try bignum(pointer, "n", padTo: nil, secret: false)),
                e: Base64URL.encode(try bignum(pointer, "e", padTo: nil, secret: false)))
            if includePrivate {
                func member(_ name: String) throws(CryptoError) -> String {
                    var bytes = try bignum(pointer, name, padTo: nil, secret: true)
                    defer { OpenSSL.cleanse(&bytes) }
                    return Base64URL.encode(bytes)
                }
                jwk.d = try member("d")
                jwk.p = try member("rsa-factor1")
                jwk.q = try member("rsa-factor2")
                jwk.dp = try member("rsa-exponent1")
                jwk.dq = try member("rsa-exponent2")
                jwk.qi = try member("rsa-coefficient1")
            }
            return jwk
        }
    }

    private static func rawPublicKey(_ pointer: OpaquePointer) throws(CryptoError) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: 32)
        var length = output.count
        let ok = output.withUnsafeMutableBufferPointer {
            EVP_PKEY_get_raw_public_key(pointer, $0.baseAddress, &length)
        }
        guard ok == 1, length == 32 else { throw OpenSSL.failure("EVP_PKEY_get_raw_public_key") }
        return output
    }

    /// A BIGNUM parameter as big-endian bytes: minimal, or left-padded to `padTo`.
    private static func bignum(
        _ pointer: OpaquePointer, _ name: String, padTo: Int?, secret: Bool
    ) throws(CryptoError) -> [UInt8] {
        var value: OpaquePointer?
        guard EVP_PKEY_get_bn_param(pointer, name, &value) == 1, let value else {
            throw OpenSSL.failure("EVP_PKEY_get_bn_param(\(name))")
        }
        defer { if secret { BN_clear_free(value) } else { BN_free(value) } }
        let minimal = (Int(BN_num_bits(value)) + 7) / 8
        let length = padTo ?? max(minimal, 1)
        guard minimal <= length else { throw .engineFailure(operation: "export \(name)", detail: "value too wide") }
        var output = [UInt8](repeating: 0, count: length)
        let written = output.withUnsafeMutableBufferPointer {
            BN_bn2binpad(value, $0.baseAddress, Int32(length))
        }
        guard written == Int32(length) else { throw OpenSSL.failure("BN_bn2binpad(\(name))") }
        return output
    }
}

/// Owns an `OSSL_PARAM_BLD` and everything it references until the parameters are built:
/// OpenSSL keeps pointers to the keys, strings and BIGNUMs pushed, not copies.
private final class ParamBuilder {
    private let builder: OpaquePointer
    private var strings: [UnsafeMutablePointer<CChar>] = []
    private var buffers: [UnsafeMutableRawBufferPointer] = []
    private var bignums: [OpaquePointer] = []

    init() throws(CryptoError) {
        guard let builder = OSSL_PARAM_BLD_new() else { throw OpenSSL.failure("OSSL_PARAM_BLD_new") }
        self.builder = builder
    }

    deinit {
        OSSL_PARAM_BLD_free(builder)
        for bignum in bignums { BN_clear_free(bignum) }
        for buffer in buffers {
            if let base = buffer.baseAddress { OPENSSL_cleanse(base, buffer.count) }
            buffer.deallocate()
        }
        for string in strings { free(string) }
    }

    private func keep(_ text: String) throws(CryptoError) -> UnsafeMutablePointer<CChar> {
        guard let copy = strdup(text) else { throw .engineFailure(operation: "strdup", detail: "out of memory") }
        strings.append(copy)
        return copy
    }

    func pushUTF8(_ key: String, _ value: String) throws(CryptoError) {
        let keyPointer = try keep(key)
        let valuePointer = try keep(value)
        guard OSSL_PARAM_BLD_push_utf8_string(builder, keyPointer, valuePointer, 0) == 1 else {
            throw OpenSSL.failure("OSSL_PARAM_BLD_push_utf8_string(\(key))")
        }
    }

    func pushOctets(_ key: String, _ bytes: [UInt8]) throws(CryptoError) {
        let keyPointer = try keep(key)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(bytes.count, 1), alignment: 1)
        buffers.append(buffer)
        buffer.copyBytes(from: bytes)
        guard OSSL_PARAM_BLD_push_octet_string(builder, keyPointer, buffer.baseAddress, bytes.count) == 1 else {
            throw OpenSSL.failure("OSSL_PARAM_BLD_push_octet_string(\(key))")
        }
    }

    func pushBignum(_ key: String, _ bytes: [UInt8], secret: Bool) throws(CryptoError) {
        let keyPointer = try keep(key)
        guard let bignum = secret ? BN_secure_new() : BN_new() else { throw OpenSSL.failure("BN_new") }
        bignums.append(bignum)
        let converted = bytes.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), bignum) }
        guard converted != nil else { throw OpenSSL.failure("BN_bin2bn") }
        guard OSSL_PARAM_BLD_push_BN(builder, keyPointer, bignum) == 1 else {
            throw OpenSSL.failure("OSSL_PARAM_BLD_push_BN(\(key))")
        }
    }

    /// Builds the parameter array, passes it to `body` and frees it afterwards.
    func withParameters<R>(_ body: (UnsafeMutablePointer<OSSL_PARAM>) -> R) throws(CryptoError) -> R {
        guard let parameters = OSSL_PARAM_BLD_to_param(builder) else {
            throw OpenSSL.failure("OSSL_PARAM_BLD_to_param")
        }
        defer { OSSL_PARAM_free(parameters) }
        return body(parameters)
    }
}

extension OpenSSL {
    /// Overwrites `bytes` with zeros in a way the optimiser keeps (`OPENSSL_cleanse`).
    static func cleanse(_ bytes: inout [UInt8]) {
        bytes.withUnsafeMutableBytes { buffer in
            if let base = buffer.baseAddress { OPENSSL_cleanse(base, buffer.count) }
        }
    }
}
