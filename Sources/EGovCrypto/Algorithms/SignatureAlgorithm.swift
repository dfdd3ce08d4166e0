/// The signature algorithms EGovKit supports, named by their JOSE labels (RFC 7518, RFC 8037).
///
/// SM2 has no registered JOSE label. EGovKit uses `SM2` for "SM2 signature with SM3 digest and a
/// distinguishing identifier" (GB/T 32918.2, GM/T 0009); see Documentation/Crypto.md.
public enum SignatureAlgorithm: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// ECDSA on P-256 with SHA-256.
    case es256 = "ES256"
    /// ECDSA on P-384 with SHA-384.
    case es384 = "ES384"
    /// Ed25519 (pure EdDSA, RFC 8032).
    case edDSA = "EdDSA"
    /// RSASSA-PKCS1-v1_5 with SHA-256 (keys of at least 2048 bits).
    case rs256 = "RS256"
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256 and a 32-byte salt (keys of at least 2048 bits).
    case ps256 = "PS256"
    /// SM2 with SM3 (GB/T 32918.2) and a distinguishing identifier (default `1234567812345678`).
    case sm2 = "SM2"

    public var description: String { rawValue }

    /// The key type the algorithm needs.
    public var keyFamily: KeyType.Family {
        switch self {
        case .es256, .es384: .ecdsa
        case .edDSA: .ed25519
        case .rs256, .ps256: .rsa
        case .sm2: .sm2
        }
    }

    /// The digest used before signing, or `nil` for pure EdDSA.
    public var hashAlgorithm: HashAlgorithm? {
        switch self {
        case .es256, .rs256, .ps256: .sha256
        case .es384: .sha384
        case .edDSA: nil
        case .sm2: .sm3
        }
    }

    /// Whether this algorithm can be used with a key of type `keyType` (curves must match).
    public func isCompatible(with keyType: KeyType) -> Bool {
        switch (self, keyType) {
        case (.es256, .p256), (.es384, .p384), (.edDSA, .ed25519), (.sm2, .sm2): true
        case (.rs256, .rsa(let bits)), (.ps256, .rsa(let bits)): bits >= KeyType.minimumRSABits
        default: false
        }
    }

    /// The byte length of each of r and s in the fixed-size (IEEE P1363) form, for ECDSA and SM2.
    public var componentLength: Int? {
        switch self {
        case .es256, .sm2: 32
        case .es384: 48
        default: nil
        }
    }
}
