/// Text in several languages, keyed by ``LanguageTag``.
///
/// Encodes as a JSON object whose keys are language tags:
/// `{"zh-Hant": "澳門特別行政區", "pt": "Região Administrativa Especial de Macau"}`.
/// Decoding validates every key; two keys that normalise to the same tag (`zh-hant` and `zh-Hant`)
/// are rejected.
///
/// ## Fallback policy
///
/// ``text(for:fallback:)`` first tries the requested tag's RFC 4647 truncation chain
/// (`zh-Hant-MO` → `zh-Hant` → `zh`), then each tag of the fallback list exactly, in order.
/// The default list, ``defaultFallback``, reflects Macau's official languages:
/// `zh-Hant-MO`, `zh-Hant`, `pt-MO`, `pt`, `en`.
///
/// Simplified Chinese (`zh-Hans`) is deliberately **not** an automatic substitute for Traditional
/// Chinese, nor the reverse: the scripts differ in characters, and showing an official text in the
/// wrong script is a presentation decision the caller must make explicitly, by listing
/// ``LanguageTag/zhHans`` in the fallback chain. Note that a bare `zh` entry *is* reached through
/// truncation of any `zh-…` request, as RFC 4647 lookup specifies; content authors should therefore
/// label Chinese text with a script.
public struct LocalizedText: Hashable, Sendable, Codable, ExpressibleByDictionaryLiteral {
    /// The default fallback chain for Macau: `zh-Hant-MO`, `zh-Hant`, `pt-MO`, `pt`, `en`.
    public static let defaultFallback: [LanguageTag] = [.zhHantMO, .zhHant, .ptMO, .pt, .en]

    /// The translations, keyed by tag.
    public private(set) var values: [LanguageTag: String]

    /// Creates localized text from a dictionary of translations.
    public init(_ values: [LanguageTag: String] = [:]) {
        self.values = values
    }

    /// Creates localized text from a literal such as `[.zhHant: "…", .pt: "…"]`.
    ///
    /// If a tag appears more than once, the last value wins.
    public init(dictionaryLiteral elements: (LanguageTag, String)...) {
        var values: [LanguageTag: String] = [:]
        for (tag, text) in elements { values[tag] = text }
        self.values = values
    }

    /// The text for exactly `tag` (no fallback); assigning `nil` removes it.
    public subscript(tag: LanguageTag) -> String? {
        get { values[tag] }
        set { values[tag] = newValue }
    }

    /// The tags that have text, sorted by their string form.
    public var languages: [LanguageTag] {
        values.keys.sorted { $0.rawValue < $1.rawValue }
    }

    /// Whether there is no text in any language.
    public var isEmpty: Bool { values.isEmpty }

    /// Looks up the best available text for a requested language.
    ///
    /// Tries `tag.truncationChain` first, then each tag in `fallback` exactly, in order.
    /// - Parameters:
    ///   - tag: the language the user asked for.
    ///   - fallback: tags to try if the requested language (and its truncations) is missing;
    ///     ``defaultFallback`` unless given.
    /// - Returns: the tag actually used and its text, or `nil` if nothing matched.
    public func text(for tag: LanguageTag, fallback: [LanguageTag] = LocalizedText.defaultFallback)
        -> (tag: LanguageTag, text: String)?
    {
        // The truncation chain is walked lazily: the requested tag usually matches at once.
        var candidate: LanguageTag? = tag
        while let current = candidate {
            if let text = values[current] { return (current, text) }
            candidate = current.truncated()
        }
        for candidate in fallback {
            if let text = values[candidate] { return (candidate, text) }
        }
        return nil
    }

    /// The required languages that have no text, in the order given.
    ///
    /// A language counts as present only if it has an entry under exactly that tag whose text is not
    /// empty or whitespace only; no truncation or fallback is applied, so that validators can insist
    /// on, say, both `zh-Hant` and `pt` being authored.
    public func missingLanguages(required: [LanguageTag]) -> [LanguageTag] {
        required.filter { tag in
            guard let text = values[tag] else { return true }
            return text.allSatisfy(\.isWhitespace)
        }
    }

    /// Decodes from a JSON object keyed by language tags, validating every key.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode([String: String].self)
        var values: [LanguageTag: String] = [:]
        for (key, text) in raw {
            let tag: LanguageTag
            do {
                tag = try LanguageTag(key)
            } catch {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "invalid language tag key: \(error.reason)")
            }
            guard values[tag] == nil else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "two keys normalise to the language tag \(tag)")
            }
            values[tag] = text
        }
        self.values = values
    }

    /// Encodes as a JSON object keyed by the normalised tag strings.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        var raw: [String: String] = [:]
        for (tag, text) in values { raw[tag.rawValue] = text }
        try container.encode(raw)
    }
}
