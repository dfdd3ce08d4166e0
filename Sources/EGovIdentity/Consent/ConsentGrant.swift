import EGovCore
import Foundation

/// A person's permission for department B (the requester) to obtain data from department A
/// (the provider) for one purpose, until a time.
public struct ConsentGrant: Sendable, Hashable, Codable, Identifiable {
    /// The grant's ID (opaque, random).
    public var id: String
    /// The person's account ID (an opaque reference, not an identity number).
    public var personAccountID: String
    /// The department that will obtain the data.
    public var requester: String
    /// The department that holds the data.
    public var provider: String
    /// The data categories allowed (e.g. `property-registration`).
    public var dataCategories: Set<String>
    /// The purpose (e.g. a service code or procedure ID).
    public var purpose: String
    /// When the grant starts.
    public var validFrom: Date
    /// When the grant ends.
    public var validUntil: Date
    /// When the person revoked it, if they did.
    public var revokedAt: Date?

    /// Creates a grant.
    public init(
        id: String, personAccountID: String, requester: String, provider: String, dataCategories: Set<String>,
        purpose: String, validFrom: Date, validUntil: Date, revokedAt: Date? = nil
    ) {
        self.id = id
        self.personAccountID = personAccountID
        self.requester = requester
        self.provider = provider
        self.dataCategories = dataCategories
        self.purpose = purpose
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.revokedAt = revokedAt
    }
}
