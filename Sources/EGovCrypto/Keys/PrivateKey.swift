import COpenSSL
import Foundation

/// A private key (P-256, P-384, Ed25519, RSA >= 2048 bits, or SM2) held by OpenSSL.
///
/// Imported from PKCS#8 (DER or PEM `PRIVATE KEY`), from the traditional PEM forms
/// (`EC PRIVATE KEY`, `RSA PRIVATE KEY`) or from a JWK; exported as PKCS#8. Encrypted keys are
/// refused rather than prompted for. The description never shows key material.
public struct PrivateKey: Sendable, CustomStringConvertible {
    let key: EVPKey
    /// The key's type.
    public var keyType: KeyType { key.keyType }
    /// The matching public key.
    public let publicKey: PublicKey

    /// Largest accepted private-key DER (an RSA-16384 PKCS#8 is about 9.3 KB).
    public static let maximumDERLength = 16 * 1024

    init(key: EVPKey) throws(CryptoError) {
        self.key = key
        let spki = try PublicKey.encodeSPKI(key.pointer)
        self.publicKey = try PublicKey(derRepresentation: spki)
    }

    /// Generates a new key of `type`. RSA sizes must lie in 2048...16384 bits.
    public static func generate(_ type: KeyType) throws(CryptoError) -> PrivateKey {
        let name: String
        switch type {
        case .p256, .p384: name = "EC"
        case .ed25519: name = "ED25519"
        case .rsa: name = "RSA"
        case .sm2: name = "SM2"  // an "EC" key on the SM2 curve would sign with ECDSA, not SM2
        }
        guard let context = EVP_PKEY_CTX_new_from_name(nil, name, nil) else {
            throw OpenSSL.failure("EVP_PKEY_CTX_new_from_name(\(name))")
        }
        defer { EVP_PKEY_CTX_free(context) }
        guard EVP_PKEY_keygen_init(context) == 1 else { throw OpenSSL.failure("EVP_PKEY_keygen_init") }
        switch type {
        case .p256:
            guard EVP_PKEY_CTX_set_group_name(context, "P-256") == 1 else { throw OpenSSL.failure("set group") }
        case .p384:
            guard EVP_PKEY_CTX_set_group_name(context, "P-384") == 1 else { throw OpenSSL.failure("set group") }
        case .rsa(let bits):
            guard bits >= KeyType.minimumRSABits else {
                throw .keyTooSmall(bits: bits, minimum: KeyType.minimumRSABits)
            }
            guard bits <= KeyType.maximumRSABits, bits % 8 == 0 else {
                throw .unsupportedKey("RSA size must be a multiple of 8 up to \(KeyType.maximumRSABits) bits")
            }
            guard EVP_PKEY_CTX_set_rsa_keygen_bits(context, Int32(bits)) == 1 else {
                throw OpenSSL.failure("EVP_PKEY_CTX_set_rsa_keygen_bits")
            }
        case .ed25519, .sm2:
            break
        }
        var generated: OpaquePointer?
        guard EVP_PKEY_generate(context, &generated) == 1, let generated else {
            throw OpenSSL.failure("EVP_PKEY_generate")
        }
        return try PrivateKey(key: EVPKey(taking: generated))
    }

    /// Generates a key suitable for `algorithm` (RSA keys are 2048 bits).
    public static func generate(for algorithm: SignatureAlgorithm) throws(CryptoError) -> PrivateKey {
        switch algorithm {
        case .es256: try generate(.p256)
        case .es384: try generate(.p384)
        case .edDSA: try generate(.ed25519)
        case .rs256, .ps256: try generate(.rsa(bits: 2048))
        case .sm2: try generate(.sm2)
        }
    }

    /// Imports a PKCS#8 `PrivateKeyInfo` DER encoding. Trailing bytes are refused.
    public init(derRepresentation der: some DataProtocol) throws(CryptoError) {
        let bytes = der.egovBytes
        guard bytes.count <= Self.maximumDERLength else {
            throw .inputTooLarge(what: "private key DER", limit: Self.maximumDERLength)
        }
        let info = try OpenSSL.d2i(bytes, what: "PKCS#8 PrivateKeyInfo") { cursor, length in
            d2i_PKCS8_PRIV_KEY_INFO(nil, cursor, length)
        } release: {
            PKCS8_PRIV_KEY_INFO_free($0)
        }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        guard let pointer = EVP_PKCS82PKEY(info) else {
            OpenSSL.clearErrors()
            throw .malformedDER(what: "PKCS#8 PrivateKeyInfo does not hold a usable key")
        }
        try self.init(key: EVPKey(taking: pointer))
    }

    /// Imports a PEM private key: `PRIVATE KEY` (PKCS#8), `EC PRIVATE KEY` (SEC 1) or
    /// `RSA PRIVATE KEY` (PKCS#1). `ENCRYPTED PRIVATE KEY` and legacy encrypted PEM are refused.
    ///
    /// The file `openssl ecparam -genkey` writes (an `EC PARAMETERS` block, then the
    /// `EC PRIVATE KEY`) is accepted when the parameters block names the key's own curve; any
    /// other second block is refused.
    public init(pemRepresentation pem: String) throws(CryptoError) {
        let blocks = try PEMDocument.parseAll(pem, limit: 64 * 1024)
        if blocks.count == 2, blocks[0].label == "EC PARAMETERS", blocks[1].label == "EC PRIVATE KEY" {
            try self.init(pemRepresentation: blocks[1].pemString)
            guard let curve = Self.namedCurveDER[keyType], blocks[0].der == curve else {
                throw .malformedPEM("the EC PARAMETERS block does not name the key's curve")
            }
            return
        }
        let document = try PEMDocument(parsing: pem, limit: 64 * 1024)
        switch document.label {
        case "PRIVATE KEY":
            try self.init(derRepresentation: document.der)
        case "EC PRIVATE KEY", "RSA PRIVATE KEY":
            guard document.der.count <= Self.maximumDERLength else {
                throw .inputTooLarge(what: "private key DER", limit: Self.maximumDERLength)
            }
            try Self.requireTraditionalStructure(document.der, label: document.label)
            let type = document.label == "EC PRIVATE KEY" ? EVP_PKEY_EC : EVP_PKEY_RSA
            let pointer = try OpenSSL.d2i(document.der, what: document.label) { cursor, length in
                d2i_PrivateKey(type, nil, cursor, length)
            } release: {
                EVP_PKEY_free($0)
            }
            try self.init(key: EVPKey(taking: pointer))
        case "ENCRYPTED PRIVATE KEY":
            throw .encryptedKeyNotSupported
        default:
            throw .unexpectedPEMLabel(
                found: document.label, expected: ["PRIVATE KEY", "EC PRIVATE KEY", "RSA PRIVATE KEY"])
        }
    }

    /// The DER `namedCurve` OID an `EC PARAMETERS` block holds for each EC key type.
    static let namedCurveDER: [KeyType: [UInt8]] = [
        .p256: [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07],
        .p384: [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22],
        .sm2: [0x06, 0x08, 0x2A, 0x81, 0x1C, 0xCF, 0x55, 0x01, 0x82, 0x2D],
    ]

    /// `d2i_PrivateKey` quietly falls back to PKCS#8 when the traditional form does not parse.
    /// Labels are strict, so a body must have the shape its label names: SEC 1 `ECPrivateKey`
    /// (version, OCTET STRING) or PKCS#1 `RSAPrivateKey` (version, INTEGER modulus), not
    /// PKCS#8 (version, SEQUENCE AlgorithmIdentifier).
    static func requireTraditionalStructure(_ der: [UInt8], label: String) throws(CryptoError) {
        let isEC = label == "EC PRIVATE KEY"
        do {
            var outer = DERReader(der)
            var inner = DERReader(try outer.read(tag: 0x30, what: label))
            _ = try inner.read(tag: 0x02, what: "version")
            _ = try inner.read(tag: isEC ? 0x04 : 0x02, what: isEC ? "privateKey" : "modulus")
        } catch {
            throw .malformedDER(
                what: "the \(label) body is not a \(isEC ? "SEC 1 ECPrivateKey" : "PKCS#1 RSAPrivateKey")")
        }
    }

    /// The PKCS#8 `PrivateKeyInfo` DER encoding. Handle the result as a secret.
    public func pkcs8DERRepresentation() throws(CryptoError) -> [UInt8] {
        guard let info = EVP_PKEY2PKCS8(key.pointer) else { throw OpenSSL.failure("EVP_PKEY2PKCS8") }
        defer { PKCS8_PRIV_KEY_INFO_free(info) }
        return try OpenSSL.i2d("i2d_PKCS8_PRIV_KEY_INFO") { i2d_PKCS8_PRIV_KEY_INFO(info, $0) }
    }

    /// The PEM `PRIVATE KEY` (PKCS#8) encoding. Handle the result as a secret.
    public func pkcs8PEMRepresentation() throws(CryptoError) -> String {
        PEMDocument(label: "PRIVATE KEY", der: try pkcs8DERRepresentation()).pemString
    }

    /// Signs `message` with `algorithm`.
    ///
    /// - Returns: DER for ECDSA and SM2 (convert with ``ECDSASignature`` for JOSE), 64 bytes for
    ///   Ed25519, the RSA signature block for RS256/PS256.
    /// - Throws: ``CryptoError/algorithmMismatch(algorithm:keyType:)`` when the algorithm does not
    ///   fit the key.
    public func signature(
        for message: some DataProtocol, algorithm: SignatureAlgorithm, sm2ID: SM2DistinguishingID = .default
    ) throws(CryptoError) -> [UInt8] {
        try SignatureEngine.sign(message.egovBytes, key: key, algorithm: algorithm, sm2ID: sm2ID)
    }

    /// A signing key bound to `algorithm`, usable wherever a ``SigningKey`` is expected.
    public func signingKey(
        for algorithm: SignatureAlgorithm, sm2ID: SM2DistinguishingID = .default
    ) throws(CryptoError) -> SoftwareSigningKey {
        try SoftwareSigningKey(privateKey: self, algorithm: algorithm, sm2ID: sm2ID)
    }

    public var description: String { "PrivateKey(\(keyType), redacted)" }
}
