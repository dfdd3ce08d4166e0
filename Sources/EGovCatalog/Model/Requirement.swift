import EGovCore

/// A condition an applicant must meet (CPSV-AP `Requirement`, CCCEV criterion), with the
/// evidence types any one of which satisfies it.
public struct Requirement: Sendable, Hashable, Codable {
    /// The requirement's name in each language.
    public var name: LocalizedText
    /// Evidence types that satisfy the requirement; any one suffices.
    public var evidenceTypes: [EvidenceType]

    /// Creates a requirement.
    public init(name: LocalizedText, evidenceTypes: [EvidenceType] = []) {
        self.name = name
        self.evidenceTypes = evidenceTypes
    }
}
