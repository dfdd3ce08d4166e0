
import EGovCore

/// A government department that is competent for services (CPSV-AP `PublicOrganisation`).
public struct PublicOrganisation: Sendable, Hashable, Codable, Identifiable {
    /// The department's identifier, conventionally its acronym (`IAM`, `DSAL`).
    public var id: OrganisationID
    /// The department's official name in each language.
    public var name: LocalizedText
    /// The acronym in each language, if it differs by language.
    public var acronym: LocalizedText
    /// How to reach the department.
    public var contactPoint: ContactPoint?

    /// Creates a public organisation.
    public init(
        id: OrganisationID, name: LocalizedText, acronym: LocalizedText = LocalizedText(),
        contactPoint: ContactPoint? = nil
    ) {
        self.id = id
        self.name = name
        self.acronym = acronym
        self.contactPoint = contactPoint
    }
}
