
import EGovCore

/// A kind of document or data that satisfies a ``Requirement`` (CPSV-AP/CCCEV `Evidence`).
///
/// When ``obtainableFrom`` names a department, the evidence follows the once-only principle: the
/// competent department fetches it from that department through an interoperability contract,
/// and the applicant does not upload it.
public struct EvidenceType: Sendable, Hashable, Codable, Identifiable {
    /// The evidence type's identifier.
    public var id: EvidenceTypeID
    /// The name in each language.
    public var name: LocalizedText
    /// The department that holds this evidence and can supply it directly (once-only), if any.
    public var obtainableFrom: OrganisationID?

    /// Creates an evidence type.
    public init(id: EvidenceTypeID, name: LocalizedText, obtainableFrom: OrganisationID? = nil) {
        self.id = id
        self.name = name
        self.obtainableFrom = obtainableFrom
    }

    /// Whether the evidence is fetched from another department instead of uploaded.
    public var isOnceOnly: Bool { obtainableFrom != nil }
}
