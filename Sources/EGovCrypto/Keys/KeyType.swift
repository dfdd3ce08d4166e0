/// The kinds of asymmetric key EGovKit handles.
public enum KeyType: Sendable, Hashable, CustomStringConvertible {
    /// An ECDSA key on NIST P-256 (secp256r1).
    case p256
    /// An ECDSA key on NIST P-384 (secp384r1).
    case p384
    /// An Ed25519 key.
    case ed25519
    /// An RSA key of the given modulus size.
    case rsa(bits: Int)
    /// An SM2 key on the SM2 recommended curve (OID 1.2.156.10197.1.301).
    case sm2

    /// Smallest RSA modulus accepted for signing or verification.
    public static let minimumRSABits = 2048
    /// Largest RSA modulus accepted (larger keys are refused to bound verification cost).
    public static let maximumRSABits = 16384

    /// Broad families of keys, one per signature scheme.
    public enum Family: String, Sendable, Hashable {
        /// Elliptic-curve DSA (P-256, P-384).
        case ecdsa
        /// Edwards-curve signatures (Ed25519).
        case ed25519
        /// RSA.
        case rsa
        /// SM2.
        case sm2
    }

    /// The family this key type belongs to.
    public var family: Family {
        switch self {
        case .p256, .p384: .ecdsa
        case .ed25519: .ed25519
        case .rsa: .rsa
        case .sm2: .sm2
        }
    }

    public var description: String {
        switch self {
        case .p256: "P-256"
        case .p384: "P-384"
        case .ed25519: "Ed25519"
        case .rsa(let bits): "RSA-\(bits)"
        case .sm2: "SM2"
        }
    }
}
