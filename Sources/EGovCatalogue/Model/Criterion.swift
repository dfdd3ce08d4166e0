import EGovCore

/// A condition against which a ``Requirement`` is evaluated (CCCEV 2 `Criterion`, a kind of
/// `Requirement`; CCCEV 1 called it `CriterionRequirement`), e.g. "the premises have at least
/// 20 m² of floor area". The CPSV-AP export links it from its requirement with `hasRequirement`.
public struct Criterion: Sendable, Hashable, Codable, Identifiable {
    /// The criterion's identifier, unique within its service.
    public var id: CriterionID
    /// The criterion's name in each language.
    public var name: LocalizedText
    /// A fuller statement of the criterion in each language; may be empty.
    public var description: LocalizedText

    /// Creates a criterion.
    public init(id: CriterionID, name: LocalizedText, description: LocalizedText = LocalizedText()) {
        self.id = id
        self.name = name
        self.description = description
    }

    private enum CodingKeys: String, CodingKey { case id, name, description }

    /// Decodes a criterion; `description` may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(CriterionID.self, forKey: .id)
        name = try container.decode(LocalizedText.self, forKey: .name)
        description = try container.decodeIfPresent(LocalizedText.self, forKey: .description) ?? LocalizedText()
    }
}
