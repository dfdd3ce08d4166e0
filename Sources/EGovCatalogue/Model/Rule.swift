import EGovCore

/// A rule under which a service operates (CPSV-AP `Rule`, reached through `follows`), e.g. the
/// conditions a licensing law sets. A ``Requirement`` can name the rules it fulfils.
public struct Rule: Sendable, Hashable, Codable, Identifiable {
    /// The rule's identifier (CPSV-AP `identifier`), unique within its service.
    public var id: RuleID
    /// The rule's name in each language (CPSV-AP `name`).
    public var title: LocalizedText
    /// What the rule says, in each language (CPSV-AP `description`).
    public var description: LocalizedText
    /// The addresses (``LegalResource/uri``) of the service's legal resources that the rule
    /// implements (CPSV-AP `implements`).
    public var implements: [String]

    /// Creates a rule.
    public init(id: RuleID, title: LocalizedText, description: LocalizedText, implements: [String] = []) {
        self.id = id
        self.title = title
        self.description = description
        self.implements = implements
    }

    private enum CodingKeys: String, CodingKey { case id, title, description, implements }

    /// Decodes a rule; `implements` may be absent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(RuleID.self, forKey: .id)
        title = try container.decode(LocalizedText.self, forKey: .title)
        description = try container.decode(LocalizedText.self, forKey: .description)
        implements = try container.decodeIfPresent([String].self, forKey: .implements) ?? []
    }
}
