/// Something that signs: a software key, a hardware security module, or a remote signing service.
///
/// The protocol is the seam through which every EGovKit module signs. Signing is `async` so that
/// an HSM or a remote qualified-signature service can stand in for ``SoftwareSigningKey``.
public protocol SigningKey: Sendable {
    /// The one algorithm this key signs with.
    var algorithm: SignatureAlgorithm { get }
    /// The public key that verifies this key's signatures.
    var publicKey: PublicKey { get }
    /// The SM2 distinguishing identifier the key signs with (ignored by other algorithms).
    var sm2ID: SM2DistinguishingID { get }
    /// Signs `message` (the message itself, not a digest).
    ///
    /// - Returns: the algorithm's native encoding: DER for ECDSA and SM2, 64 bytes for Ed25519,
    ///   the RSA signature block for RS256/PS256.
    func sign(_ message: [UInt8]) async throws -> [UInt8]
}

extension SigningKey {
    /// The SM2 distinguishing identifier: the GM/T 0009 default unless a key says otherwise.
    public var sm2ID: SM2DistinguishingID { .default }
}

/// Something that verifies signatures of one algorithm.
public protocol VerificationKey: Sendable {
    /// The one algorithm this key accepts.
    var algorithm: SignatureAlgorithm { get }
    /// Whether `signature` (native encoding, see ``SigningKey/sign(_:)``) is valid for `message`.
    func isValidSignature(_ signature: [UInt8], for message: [UInt8]) throws -> Bool
}

/// A ``SigningKey`` backed by an in-process ``PrivateKey``.
public struct SoftwareSigningKey: SigningKey, CustomStringConvertible {
    /// The private key.
    public let privateKey: PrivateKey
    /// The one algorithm this key signs with.
    public let algorithm: SignatureAlgorithm
    /// The SM2 distinguishing identifier bound into signatures (ignored by other algorithms).
    public let sm2ID: SM2DistinguishingID

    /// Binds `privateKey` to `algorithm`; refuses combinations that do not fit.
    public init(
        privateKey: PrivateKey, algorithm: SignatureAlgorithm, sm2ID: SM2DistinguishingID = .default
    ) throws(CryptoError) {
        guard algorithm.isCompatible(with: privateKey.keyType) else {
            throw .algorithmMismatch(algorithm: algorithm, keyType: privateKey.keyType.description)
        }
        self.privateKey = privateKey
        self.algorithm = algorithm
        self.sm2ID = sm2ID
    }

    /// The public half of ``privateKey``.
    public var publicKey: PublicKey { privateKey.publicKey }

    /// Signs `message` with ``algorithm``; see ``SigningKey/sign(_:)``.
    public func sign(_ message: [UInt8]) async throws -> [UInt8] {
        try signSynchronously(message)
    }

    /// Signs synchronously (software keys need no suspension).
    public func signSynchronously(_ message: [UInt8]) throws(CryptoError) -> [UInt8] {
        try privateKey.signature(for: message, algorithm: algorithm, sm2ID: sm2ID)
    }

    public var description: String { "SoftwareSigningKey(\(algorithm), \(privateKey.keyType))" }
}

/// A ``VerificationKey`` backed by a ``PublicKey`` and bound to one algorithm.
public struct SoftwareVerificationKey: VerificationKey, Hashable, CustomStringConvertible {
    /// The public key.
    public let publicKey: PublicKey
    /// The one algorithm this key accepts.
    public let algorithm: SignatureAlgorithm
    /// The SM2 distinguishing identifier expected in signatures (ignored by other algorithms).
    public let sm2ID: SM2DistinguishingID

    /// Binds `publicKey` to `algorithm`; refuses combinations that do not fit.
    public init(
        publicKey: PublicKey, algorithm: SignatureAlgorithm, sm2ID: SM2DistinguishingID = .default
    ) throws(CryptoError) {
        guard algorithm.isCompatible(with: publicKey.keyType) else {
            throw .algorithmMismatch(algorithm: algorithm, keyType: publicKey.keyType.description)
        }
        self.publicKey = publicKey
        self.algorithm = algorithm
        self.sm2ID = sm2ID
    }

    /// Whether `signature` is a valid ``algorithm`` signature of `message` by ``publicKey``.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) throws -> Bool {
        try publicKey.isValidSignature(signature, for: message, algorithm: algorithm, sm2ID: sm2ID)
    }

    public var description: String { "SoftwareVerificationKey(\(algorithm), \(publicKey.keyType))" }
}
