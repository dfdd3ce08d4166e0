import COpenSSL
import Foundation

/// A private key with its certificate and chain, read from a password-protected PKCS#12 file
/// (`.p12`, `.pfx`, RFC 7292), as certification authorities deliver signing and seal
/// certificates.
///
/// The password is checked with the file's MAC first: a wrong password gives
/// ``PKCS12Error/wrongPassword``, distinct from a malformed file (``PKCS12Error/malformed(_:)``).
/// Malformed input is refused, never repaired.
///
/// ## Legacy protection
///
/// A file is *modern* when its MAC uses SHA-256, SHA-384 or SHA-512 and every encrypted part
/// (encrypted `SafeContents` and shrouded key bags) uses PBES2 with PBKDF2 (HMAC-SHA-256 or
/// stronger) and AES-CBC, each with at least ``minimumIterations`` iterations. This is what
/// OpenSSL 3 writes by default. Anything else (the PKCS#12 PBE schemes with RC2-40, RC4 or
/// 3DES, a SHA-1 MAC, too few iterations, a key stored without encryption) is *legacy* and is
/// refused with ``PKCS12Error/legacyEncryption(_:)`` unless `allowLegacyEncryption` is `true`.
/// OpenSSL 3 decrypts RC2 only with its legacy provider; EGovKit loads it into a private library
/// context (never into the process-wide default) and reports
/// ``PKCS12Error/legacyProviderUnavailable`` when it cannot be loaded.
///
/// Limits: at most ``maximumDERLength`` bytes, ``maximumCertificateCount`` certificates,
/// ``maximumBagCount`` bags and ``maximumIterations`` key-derivation iterations.
///
/// The password is copied once into memory that is overwritten after use; a `String` password
/// cannot be wiped by EGovKit (pass bytes you own to control that). The ``description`` shows
/// neither the password nor key material.
public struct PKCS12Bundle: Sendable, CustomStringConvertible {
    /// The private key.
    public let privateKey: PrivateKey
    /// The certificate whose public key matches ``privateKey``.
    public let certificate: Certificate
    /// The other certificates in the file, issuer after subject (leaf towards root) where the
    /// names link them, then any remaining ones in file order. A certificate present twice is
    /// listed once.
    public let chain: [Certificate]

    /// Largest accepted PKCS#12 file (1 MiB).
    public static let maximumDERLength = 1024 * 1024
    /// Most certificates accepted in one file.
    public static let maximumCertificateCount = 64
    /// Most safe bags accepted in one file (all kinds together).
    public static let maximumBagCount = 256
    /// Most key-derivation (MAC or PBKDF2) iterations accepted; more would let a file stall the
    /// reader.
    public static let maximumIterations = 1_000_000
    /// Fewest iterations of a modern file's MAC and PBKDF2 (RFC 8018 recommends at least 1000).
    public static let minimumIterations = 1000

    /// Reads a DER-encoded PKCS#12 file protected by `password` (the bytes OpenSSL and other
    /// tools use: the password's UTF-8 encoding).
    ///
    /// - Parameters:
    ///   - der: the file's bytes.
    ///   - password: the password as UTF-8 bytes; empty for a file exported with an empty
    ///     password.
    ///   - allowLegacyEncryption: whether to read files with legacy protection (see the type's
    ///     documentation).
    /// - Throws: ``PKCS12Error``.
    public init(
        derRepresentation der: some DataProtocol, password: some DataProtocol, allowLegacyEncryption: Bool = false
    ) throws(PKCS12Error) {
        // The reader copies the password into memory it overwrites after use; the caller's
        // bytes stay the caller's.
        let contents = try PKCS12Reader.read(
            der.egovBytes, password: password.egovBytes, allowLegacy: allowLegacyEncryption)
        var keyDER = contents.keyDER
        defer { keyDER.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
        let key: PrivateKey
        do {
            key = try PrivateKey(derRepresentation: keyDER)
        } catch {
            throw .invalidKey(error.reason)
        }
        var certificates: [Certificate] = []
        for certificateDER in contents.certificateDERs {
            do {
                let parsed = try Certificate(derRepresentation: certificateDER)
                // The same certificate twice (a leaf also in -certfile) adds nothing.
                if !certificates.contains(parsed) { certificates.append(parsed) }
            } catch {
                throw .invalidCertificate(error.reason)
            }
        }
        guard let leafIndex = certificates.firstIndex(where: { $0.publicKey == key.publicKey }) else {
            throw .noMatchingCertificate
        }
        let leaf = certificates.remove(at: leafIndex)
        self.privateKey = key
        self.certificate = leaf
        self.chain = Self.ordered(from: leaf, others: certificates)
    }

    /// Reads a DER-encoded PKCS#12 file protected by `password` (encoded as UTF-8).
    ///
    /// The UTF-8 copy made here is overwritten after use; the `String` itself cannot be.
    ///
    /// - Throws: ``PKCS12Error``.
    public init(
        derRepresentation der: some DataProtocol, password: String, allowLegacyEncryption: Bool = false
    ) throws(PKCS12Error) {
        var utf8 = Array(password.utf8)
        defer { utf8.withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) } }
        try self.init(derRepresentation: der, password: utf8, allowLegacyEncryption: allowLegacyEncryption)
    }

    /// A signing key bound to `algorithm`, usable wherever a ``SigningKey`` is expected.
    ///
    /// - Throws: ``CryptoError/algorithmMismatch(algorithm:keyType:)`` when the algorithm does not
    ///   fit the key.
    public func signingKey(
        for algorithm: SignatureAlgorithm, sm2ID: SM2DistinguishingID = .default
    ) throws(CryptoError) -> SoftwareSigningKey {
        try privateKey.signingKey(for: algorithm, sm2ID: sm2ID)
    }

    /// The leaf certificate followed by ``chain``, the order signature formats embed them in.
    public var certificates: [Certificate] { [certificate] + chain }

    public var description: String {
        "PKCS12Bundle(\(privateKey.keyType), certificate serial: \(certificate.serialNumber), chain: \(chain.count))"
    }

    /// Puts `others` in issuer order starting at `leaf`, then appends any left unlinked.
    static func ordered(from leaf: Certificate, others: [Certificate]) -> [Certificate] {
        var remaining = others
        var result: [Certificate] = []
        var current = leaf
        while !current.isSelfIssued,
            let next = remaining.firstIndex(where: {
                X509_NAME_cmp(X509_get_issuer_name(current.handle.pointer), X509_get_subject_name($0.handle.pointer))
                    == 0
            })
        {
            current = remaining.remove(at: next)
            result.append(current)
        }
        return result + remaining
    }
}

/// The OpenSSL side of ``PKCS12Bundle``: checks the MAC and the protection algorithms, then
/// walks the bags. Returns DER only, so that no OpenSSL object outlives the (possibly swapped)
/// library context it was made in.
enum PKCS12Reader {
    struct Contents {
        var keyDER: [UInt8]
        var certificateDERs: [[UInt8]]
    }

    /// The password as OpenSSL takes it: a pointer (or `nil`) and a length.
    struct Secret {
        let pointer: UnsafePointer<CChar>?
        let length: Int32
    }

    static func read(_ bytes: [UInt8], password: [UInt8], allowLegacy: Bool) throws(PKCS12Error) -> Contents {
        guard bytes.count <= PKCS12Bundle.maximumDERLength else {
            throw .inputTooLarge(what: "PKCS#12 file", limit: PKCS12Bundle.maximumDERLength)
        }
        guard password.count < Int(Int32.max) else {
            throw .inputTooLarge(what: "PKCS#12 password", limit: Int(Int32.max))
        }
        // The legacy library context is the thread's default only while this (synchronous) call
        // runs; every OpenSSL object made here is freed before it is restored.
        let legacyContext = allowLegacy ? LegacyLibraryContext.shared : nil
        var previous: OpaquePointer?
        if let legacyContext { previous = OSSL_LIB_CTX_set0_default(legacyContext.pointer) }
        defer {
            // set0_default ignores nil, so restoring needs the (never nil) previous context.
            if let previous { _ = OSSL_LIB_CTX_set0_default(previous) }
            OpenSSL.clearErrors()
        }
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: password.count + 1)
        defer {
            OPENSSL_cleanse(buffer, password.count + 1)
            buffer.deallocate()
        }
        for (index, byte) in password.enumerated() { buffer[index] = CChar(bitPattern: byte) }
        buffer[password.count] = 0
        let policy = Policy(allowLegacy: allowLegacy, legacyProviderLoaded: legacyContext != nil)

        let pfx: OpaquePointer
        do {
            pfx = try OpenSSL.d2i(bytes, what: "PFX") {
                d2i_PKCS12(nil, $0, $1)
            } release: {
                PKCS12_free($0)
            }
        } catch {
            throw .malformed("not a DER PKCS#12 PFX")
        }
        defer { PKCS12_free(pfx) }
        let secret = try verifyMAC(pfx, password: UnsafePointer(buffer), length: Int32(password.count), policy)
        return try walk(pfx, secret: secret, policy)
    }

    /// Checks the MAC algorithm and iterations, then the password. An empty password is tried
    /// both as an empty string and as no password, as OpenSSL's own tools do.
    static func verifyMAC(
        _ pfx: OpaquePointer, password: UnsafePointer<CChar>, length: Int32, _ policy: Policy
    ) throws(PKCS12Error) -> Secret {
        guard PKCS12_mac_present(pfx) == 1 else { throw .macMissing }
        var algorithm: UnsafePointer<X509_ALGOR>?
        var iterations: UnsafePointer<ASN1_INTEGER>?
        PKCS12_get0_mac(nil, &algorithm, nil, &iterations, pfx)
        guard let algorithm else { throw .malformed("MAC without an algorithm") }
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, algorithm)
        let count = iterations.map { ASN1_INTEGER_get($0) } ?? 1
        guard count >= 1 else { throw .malformed("MAC iteration count") }
        guard count <= PKCS12Bundle.maximumIterations else {
            throw .inputTooLarge(what: "MAC iteration count", limit: PKCS12Bundle.maximumIterations)
        }
        switch OBJ_obj2nid(object) {
        case NID_sha256, NID_sha384, NID_sha512:
            if count < PKCS12Bundle.minimumIterations {
                try policy.legacy("MAC with \(count) iterations", needsProvider: false)
            }
        case NID_sha1:
            try policy.legacy("SHA-1 MAC", needsProvider: false)
        default:
            throw .malformed("unsupported MAC algorithm \(name(object))")
        }
        if PKCS12_verify_mac(pfx, password, length) == 1 { return Secret(pointer: password, length: length) }
        OpenSSL.clearErrors()
        if length == 0, PKCS12_verify_mac(pfx, nil, 0) == 1 { return Secret(pointer: nil, length: 0) }
        OpenSSL.clearErrors()
        throw .wrongPassword
    }

    /// Collects the key and certificates from every `SafeContents`.
    static func walk(_ pfx: OpaquePointer, secret: Secret, _ policy: Policy) throws(PKCS12Error) -> Contents {
        guard let authSafes = PKCS12_unpack_authsafes(pfx) else {
            OpenSSL.clearErrors()
            throw .malformed("AuthenticatedSafe")
        }
        defer { OPENSSL_sk_pop_free(authSafes) { PKCS7_free($0?.assumingMemoryBound(to: PKCS7.self)) } }
        var keys: [[UInt8]] = []
        defer {
            for index in keys.indices {
                keys[index].withUnsafeMutableBytes { OPENSSL_cleanse($0.baseAddress, $0.count) }
            }
        }
        var certificates: [[UInt8]] = []
        var bagCount = 0
        for index in 0..<OPENSSL_sk_num(authSafes) {
            guard let p7 = OPENSSL_sk_value(authSafes, index)?.assumingMemoryBound(to: PKCS7.self) else {
                throw .malformed("AuthenticatedSafe entry")
            }
            let bags: OpaquePointer
            let encrypted: Bool
            switch OBJ_obj2nid(p7.pointee.type) {
            case NID_pkcs7_data:
                guard let unpacked = PKCS12_unpack_p7data(p7) else {
                    OpenSSL.clearErrors()
                    throw .malformed("SafeContents")
                }
                bags = unpacked
                encrypted = false
            case NID_pkcs7_encrypted:
                guard let content = p7.pointee.d.encrypted?.pointee.enc_data,
                    let algorithm = content.pointee.algorithm
                else { throw .malformed("EncryptedData without an algorithm") }
                try policy.check(encryption: UnsafePointer(algorithm), what: "certificate encryption")
                guard let unpacked = PKCS12_unpack_p7encdata(p7, secret.pointer, secret.length) else {
                    OpenSSL.clearErrors()
                    throw .malformed("encrypted SafeContents cannot be decrypted")
                }
                bags = unpacked
                encrypted = true
            default:
                throw .malformed("AuthenticatedSafe content of an unsupported type (public-key privacy mode)")
            }
            defer { OPENSSL_sk_pop_free(bags) { PKCS12_SAFEBAG_free(OpaquePointer($0)) } }
            let count = Int(OPENSSL_sk_num(bags))
            bagCount += count
            guard bagCount <= PKCS12Bundle.maximumBagCount else {
                throw .inputTooLarge(what: "PKCS#12 bag count", limit: PKCS12Bundle.maximumBagCount)
            }
            for bagIndex in 0..<Int32(count) {
                guard let raw = OPENSSL_sk_value(bags, bagIndex) else { throw .malformed("SafeBag") }
                let bag = OpaquePointer(raw)
                switch PKCS12_SAFEBAG_get_nid(bag) {
                case NID_pkcs8ShroudedKeyBag:
                    guard let shrouded = PKCS12_SAFEBAG_get0_pkcs8(bag) else { throw .malformed("shrouded key bag") }
                    var algorithm: UnsafePointer<X509_ALGOR>?
                    X509_SIG_get0(shrouded, &algorithm, nil)
                    guard let algorithm else { throw .malformed("shrouded key bag without an algorithm") }
                    try policy.check(encryption: algorithm, what: "key encryption")
                    guard let info = PKCS12_decrypt_skey(bag, secret.pointer, secret.length) else {
                        OpenSSL.clearErrors()
                        throw .malformed("the shrouded key cannot be decrypted")
                    }
                    defer { PKCS8_PRIV_KEY_INFO_free(info) }
                    keys.append(try encode(info))
                case NID_keyBag:
                    if !encrypted { try policy.legacy("private key stored without encryption", needsProvider: false) }
                    guard let info = PKCS12_SAFEBAG_get0_p8inf(bag) else { throw .malformed("key bag") }
                    keys.append(try encode(info))
                case NID_certBag:
                    guard PKCS12_SAFEBAG_get_bag_nid(bag) == NID_x509Certificate else {
                        throw .invalidCertificate("certificate bag of a type other than X.509")
                    }
                    guard let x509 = PKCS12_SAFEBAG_get1_cert(bag) else {
                        OpenSSL.clearErrors()
                        throw .invalidCertificate("undecodable X.509 certificate")
                    }
                    defer { X509_free(x509) }
                    guard certificates.count < PKCS12Bundle.maximumCertificateCount else {
                        throw .inputTooLarge(
                            what: "PKCS#12 certificate count", limit: PKCS12Bundle.maximumCertificateCount)
                    }
                    do {
                        certificates.append(try OpenSSL.i2d("i2d_X509") { i2d_X509(x509, $0) })
                    } catch {
                        throw .invalidCertificate("certificate cannot be re-encoded")
                    }
                case NID_safeContentsBag:
                    throw .malformed("nested SafeContents are not supported")
                default:
                    continue  // CRL and secret bags carry nothing a signer needs
                }
                guard keys.count <= 1 else { throw .multiplePrivateKeys }
            }
        }
        guard let key = keys.first else { throw .noPrivateKey }
        return Contents(keyDER: key, certificateDERs: certificates)
    }

    static func encode(_ info: OpaquePointer) throws(PKCS12Error) -> [UInt8] {
        do {
            return try OpenSSL.i2d("i2d_PKCS8_PRIV_KEY_INFO") { i2d_PKCS8_PRIV_KEY_INFO(info, $0) }
        } catch {
            throw .invalidKey("the PKCS#8 key cannot be encoded")
        }
    }

    static func name(_ object: OpaquePointer?) -> String {
        let nid = OBJ_obj2nid(object)
        if nid != NID_undef, let short = OBJ_nid2sn(nid) { return String(cString: short) }
        return X509Support.oidText(object) ?? "unknown"
    }

    /// The legacy rule (see ``PKCS12Bundle``).
    struct Policy {
        let allowLegacy: Bool
        let legacyProviderLoaded: Bool

        func legacy(_ what: String, needsProvider: Bool) throws(PKCS12Error) {
            guard allowLegacy else { throw .legacyEncryption(what) }
            if needsProvider, !legacyProviderLoaded { throw .legacyProviderUnavailable }
        }

        /// Checks one encryption `AlgorithmIdentifier` (of encrypted SafeContents or a shrouded key).
        func check(encryption algorithm: UnsafePointer<X509_ALGOR>, what: String) throws(PKCS12Error) {
            var object: OpaquePointer?
            var parameterType: Int32 = 0
            var parameterValue: UnsafeRawPointer?
            X509_ALGOR_get0(&object, &parameterType, &parameterValue, algorithm)
            let nid = OBJ_obj2nid(object)
            guard let parameter = algorithm.pointee.parameter else {
                throw .malformed("\(what) without parameters")
            }
            if nid == NID_pbes2 {
                try checkPBES2(parameter, what: what)
                return
            }
            switch nid {
            case NID_pbe_WithSHA1And3_Key_TripleDES_CBC, NID_pbe_WithSHA1And2_Key_TripleDES_CBC,
                NID_pbe_WithSHA1And128BitRC2_CBC, NID_pbe_WithSHA1And40BitRC2_CBC,
                NID_pbe_WithSHA1And128BitRC4, NID_pbe_WithSHA1And40BitRC4,
                NID_pbeWithMD5AndDES_CBC, NID_pbeWithSHA1AndDES_CBC, NID_pbeWithMD5AndRC2_CBC,
                NID_pbeWithSHA1AndRC2_CBC:
                guard let raw = ASN1_TYPE_unpack_sequence(PBEPARAM_it(), parameter) else {
                    OpenSSL.clearErrors()
                    throw .malformed("\(what) parameters")
                }
                let parameters = raw.assumingMemoryBound(to: PBEPARAM.self)
                defer { PBEPARAM_free(parameters) }
                try checkIterations(parameters.pointee.iter, what: what)
                let tripleDES =
                    nid == NID_pbe_WithSHA1And3_Key_TripleDES_CBC || nid == NID_pbe_WithSHA1And2_Key_TripleDES_CBC
                try legacy("\(what) \(PKCS12Reader.name(object))", needsProvider: !tripleDES)
            default:
                throw .malformed("unsupported \(what) algorithm \(PKCS12Reader.name(object))")
            }
        }

        /// PBES2 is modern with PBKDF2, an HMAC-SHA-2 PRF, AES-CBC and enough iterations.
        func checkPBES2(_ parameter: UnsafeMutablePointer<ASN1_TYPE>, what: String) throws(PKCS12Error) {
            guard let raw = ASN1_TYPE_unpack_sequence(PBE2PARAM_it(), parameter) else {
                OpenSSL.clearErrors()
                throw .malformed("\(what) PBES2 parameters")
            }
            let pbes2 = raw.assumingMemoryBound(to: PBE2PARAM.self)
            defer { PBE2PARAM_free(pbes2) }
            guard let keyFunction = pbes2.pointee.keyfunc, let encryption = pbes2.pointee.encryption else {
                throw .malformed("\(what) PBES2 parameters")
            }
            guard OBJ_obj2nid(keyFunction.pointee.algorithm) == NID_id_pbkdf2,
                let kdfParameter = keyFunction.pointee.parameter,
                let kdfRaw = ASN1_TYPE_unpack_sequence(PBKDF2PARAM_it(), kdfParameter)
            else {
                OpenSSL.clearErrors()
                throw .malformed("\(what) PBES2 without PBKDF2")
            }
            let kdf = kdfRaw.assumingMemoryBound(to: PBKDF2PARAM.self)
            defer { PBKDF2PARAM_free(kdf) }
            let iterations = try checkIterations(kdf.pointee.iter, what: what)
            let prf = kdf.pointee.prf.map { OBJ_obj2nid($0.pointee.algorithm) } ?? NID_hmacWithSHA1
            let cipher = OBJ_obj2nid(encryption.pointee.algorithm)
            switch cipher {
            case NID_aes_128_cbc, NID_aes_192_cbc, NID_aes_256_cbc: break
            default:
                try legacy(
                    "\(what) PBES2 with \(PKCS12Reader.name(encryption.pointee.algorithm))", needsProvider: false)
            }
            switch prf {
            case NID_hmacWithSHA256, NID_hmacWithSHA384, NID_hmacWithSHA512: break
            default: try legacy("\(what) PBKDF2 with a SHA-1 or unusual PRF", needsProvider: false)
            }
            if iterations < PKCS12Bundle.minimumIterations {
                try legacy("\(what) with \(iterations) PBKDF2 iterations", needsProvider: false)
            }
        }

        @discardableResult
        func checkIterations(_ value: UnsafeMutablePointer<ASN1_INTEGER>?, what: String) throws(PKCS12Error) -> Int {
            let iterations = value.map { ASN1_INTEGER_get($0) } ?? -1
            guard iterations >= 1 else { throw .malformed("\(what) iteration count") }
            guard iterations <= PKCS12Bundle.maximumIterations else {
                throw .inputTooLarge(what: "\(what) iteration count", limit: PKCS12Bundle.maximumIterations)
            }
            return iterations
        }
    }
}

/// A private OpenSSL library context with the default and legacy providers, used only while a
/// legacy PKCS#12 file is read (so the legacy algorithms never become available process-wide).
///
/// `@unchecked Sendable`: created once, never freed or reconfigured; OpenSSL library contexts
/// are safe to use from several threads.
final class LegacyLibraryContext: @unchecked Sendable {
    let pointer: OpaquePointer

    private init(pointer: OpaquePointer) { self.pointer = pointer }

    /// The context, or `nil` when the legacy provider cannot be loaded.
    static let shared: LegacyLibraryContext? = {
        guard let context = OSSL_LIB_CTX_new() else { return nil }
        guard OSSL_PROVIDER_load(context, "default") != nil, OSSL_PROVIDER_load(context, "legacy") != nil else {
            OpenSSL.clearErrors()
            OSSL_LIB_CTX_free(context)
            return nil
        }
        return LegacyLibraryContext(pointer: context)
    }()
}
