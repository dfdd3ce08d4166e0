import EGovCore

/// Search keywords per language (CPSV-AP `keyword`).
///
/// Encodes as a JSON object of arrays keyed by language tag: `{"zh-Hant": ["飲食", "饮食"], "en": ["restaurant"]}`.
/// Chinese keyword lists may carry Simplified variants next to the Traditional ones.
public struct Keywords: Sendable, Hashable, Codable {
    /// The keywords, keyed by tag.
    public var values: [LanguageTag: [String]]

    /// Creates keywords.
    public init(_ values: [LanguageTag: [String]] = [:]) {
        self.values = values
    }

    /// Every keyword in every language.
    public var all: [String] {
        values.keys.sorted { $0.rawValue < $1.rawValue }.flatMap { values[$0] ?? [] }
    }

    /// Decodes from a JSON object keyed by language tags, validating every key.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode([String: [String]].self)
        var values: [LanguageTag: [String]] = [:]
        for (key, words) in raw {
            guard let tag = try? LanguageTag(key), values[tag] == nil else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "invalid or duplicate language tag key")
            }
            values[tag] = words
        }
        self.values = values
    }

    /// Encodes as a JSON object keyed by the normalised tag strings.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        var raw: [String: [String]] = [:]
        for (tag, words) in values { raw[tag.rawValue] = words }
        try container.encode(raw)
    }
}
