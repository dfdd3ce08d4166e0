import EGovCore

/// A condition an applicant must meet (CPSV-AP/CCCEV `Requirement`), with the evidence types any
/// one of which satisfies it, the criteria it is evaluated against and the rules it fulfils.
public struct Requirement: Sendable, Hashable, Codable {
    /// The requirement's name in each language.
    public var name: LocalizedText
    /// Evidence types that satisfy the requirement; any one suffices.
    public var evidenceTypes: [EvidenceType]
    /// The criteria the requirement is evaluated against (CCCEV `Criterion`).
    public var criteria: [Criterion]
    /// The service's rules (``PublicService/rules``) this requirement fulfils (CPSV-AP `fulfils`).
    public var fulfils: [RuleID]

    /// Creates a requirement.
    public init(
        name: LocalizedText, evidenceTypes: [EvidenceType] = [], criteria: [Criterion] = [], fulfils: [RuleID] = []
    ) {
        self.name = name
        self.evidenceTypes = evidenceTypes
        self.criteria = criteria
        self.fulfils = fulfils
    }

    private enum CodingKeys: String, CodingKey { case name, evidenceTypes, criteria, fulfils }

    /// Decodes a requirement; `criteria` and `fulfils` may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(LocalizedText.self, forKey: .name)
        evidenceTypes = try container.decode([EvidenceType].self, forKey: .evidenceTypes)
        criteria = try container.decodeIfPresent([Criterion].self, forKey: .criteria) ?? []
        fulfils = try container.decodeIfPresent([RuleID].self, forKey: .fulfils) ?? []
    }
}
