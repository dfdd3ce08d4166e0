import COpenSSL
import Foundation

/// A public key (P-256, P-384, Ed25519, RSA >= 2048 bits, or SM2) held by OpenSSL.
///
/// Imported from SubjectPublicKeyInfo (SPKI) DER or PEM, or from a JWK; equal keys compare
/// equal by their SPKI encoding.
public struct PublicKey: Sendable, Hashable, CustomStringConvertible {
    let key: EVPKey
    /// The key's type.
    public var keyType: KeyType { key.keyType }
    /// The SubjectPublicKeyInfo DER encoding.
    public let derRepresentation: [UInt8]

    /// Largest accepted SPKI DER (an RSA-16384 SPKI is about 2.1 KB).
    public static let maximumDERLength = 8 * 1024

    init(key: EVPKey) throws(CryptoError) {
        self.key = key
        self.derRepresentation = try Self.encodeSPKI(key.pointer)
    }

    /// Imports a SubjectPublicKeyInfo DER encoding. Trailing bytes are refused.
    public init(derRepresentation der: some DataProtocol) throws(CryptoError) {
        let bytes = der.egovBytes
        guard bytes.count <= Self.maximumDERLength else {
            throw .inputTooLarge(what: "public key DER", limit: Self.maximumDERLength)
        }
        let pointer = try OpenSSL.d2i(bytes, what: "SubjectPublicKeyInfo") { cursor, length in
            d2i_PUBKEY(nil, cursor, length)
        } release: {
            EVP_PKEY_free($0)
        }
        try self.init(key: EVPKey(taking: pointer))
    }

    /// Imports a PEM `PUBLIC KEY` block.
    public init(pemRepresentation pem: String) throws(CryptoError) {
        let document = try PEMDocument(parsing: pem, limit: 64 * 1024)
        guard document.label == "PUBLIC KEY" else {
            throw .unexpectedPEMLabel(found: document.label, expected: ["PUBLIC KEY"])
        }
        try self.init(derRepresentation: document.der)
    }

    /// The PEM `PUBLIC KEY` encoding.
    public var pemRepresentation: String {
        PEMDocument(label: "PUBLIC KEY", der: derRepresentation).pemString
    }

    /// Checks `signature` over `message` with `algorithm`.
    ///
    /// - Parameters:
    ///   - signature: DER for ECDSA and SM2 (use ``ECDSASignature`` to convert from r‖s), the raw
    ///     64 bytes for Ed25519, and the RSA signature block for RS256/PS256.
    ///   - message: the signed bytes (not a digest).
    ///   - algorithm: must match this key (no algorithm confusion: an RSA key never verifies
    ///     ES256, a P-256 key never verifies ES384).
    ///   - sm2ID: the SM2 distinguishing identifier; ignored by other algorithms.
    /// - Returns: `true` only for a valid signature; malformed signatures are simply invalid.
    /// - Throws: ``CryptoError/algorithmMismatch(algorithm:keyType:)`` when the algorithm does not
    ///   fit the key.
    public func isValidSignature(
        _ signature: some DataProtocol, for message: some DataProtocol, algorithm: SignatureAlgorithm,
        sm2ID: SM2DistinguishingID = .default
    ) throws(CryptoError) -> Bool {
        try SignatureEngine.verify(
            signature.egovBytes, message: message.egovBytes, key: key, algorithm: algorithm, sm2ID: sm2ID)
    }

    /// A verification key bound to one algorithm (the algorithm allow-list of token verifiers).
    public func verificationKey(
        for algorithm: SignatureAlgorithm, sm2ID: SM2DistinguishingID = .default
    ) throws(CryptoError) -> SoftwareVerificationKey {
        try SoftwareVerificationKey(publicKey: self, algorithm: algorithm, sm2ID: sm2ID)
    }

    public var description: String { "PublicKey(\(keyType))" }

    public static func == (lhs: PublicKey, rhs: PublicKey) -> Bool {
        lhs.derRepresentation == rhs.derRepresentation
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(derRepresentation) }

    static func encodeSPKI(_ pointer: OpaquePointer) throws(CryptoError) -> [UInt8] {
        try OpenSSL.i2d("i2d_PUBKEY") { i2d_PUBKEY(pointer, $0) }
    }
}
