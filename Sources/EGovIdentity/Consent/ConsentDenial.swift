import EGovCore

/// Why consent does not cover a use.
public enum ConsentDenial: String, Sendable, Hashable, Codable {
    /// No grant for this person, requester and provider.
    case noGrant
    /// A grant exists but not for this purpose.
    case purposeNotCovered
    /// A grant exists for the purpose but not for this data.
    case dataNotCovered
    /// The grant starts later.
    case notYetValid
    /// The grant has ended.
    case expired
    /// The person revoked the grant.
    case revoked
}
