/// A validated, case-normalised BCP 47 language tag (RFC 5646), such as `zh-Hant-MO`.
///
/// Accepted syntax is the RFC 5646 well-formed subset
/// `language[-extlang][-script][-region][-variant...]`:
/// - language: 2–3 letters (optionally followed by up to three 3-letter extended language
///   subtags) or 5–8 letters; 4-letter primary subtags are reserved and rejected,
/// - script: 4 letters,
/// - region: 2 letters or 3 digits,
/// - variant: 5–8 letters/digits, or a digit followed by 3 letters/digits; a variant may not repeat.
///
/// Extensions (`-u-…`), private use (`x-…`) and grandfathered tags are not supported and are
/// rejected. Subtags are separated by `-` only. The whole tag is limited to ``maximumLength``
/// characters.
///
/// Tags are normalised on construction: language, extlang and variants lowercase, script
/// titlecase (`Hant`), region uppercase (`MO`). Two tags that differ only in case are therefore
/// equal. The tag encodes and decodes as its string form; decoding validates.
public struct LanguageTag: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The reasons a string is not accepted as a language tag.
    public enum ParseError: EGovError, Equatable {
        /// The input is empty.
        case empty
        /// The input is longer than ``LanguageTag/maximumLength``.
        case tooLong(limit: Int)
        /// A subtag is empty (leading, trailing or doubled `-`) at the given subtag index.
        case emptySubtag(index: Int)
        /// The primary language subtag is not 2–3 or 5–8 ASCII letters.
        case invalidLanguage
        /// A subtag at the given index does not fit the grammar at that position.
        case invalidSubtag(index: Int)
        /// A variant subtag appears twice.
        case duplicateVariant(index: Int)
        /// Extensions and private-use subtags are not supported.
        case unsupportedExtension(index: Int)

        /// A stable machine-readable code.
        public var code: String {
            switch self {
            case .empty: "core.language_tag.empty"
            case .tooLong: "core.language_tag.too_long"
            case .emptySubtag: "core.language_tag.empty_subtag"
            case .invalidLanguage: "core.language_tag.invalid_language"
            case .invalidSubtag: "core.language_tag.invalid_subtag"
            case .duplicateVariant: "core.language_tag.duplicate_variant"
            case .unsupportedExtension: "core.language_tag.unsupported_extension"
            }
        }

        /// A readable explanation of what was wrong.
        public var reason: String {
            switch self {
            case .empty: "the language tag is empty"
            case .tooLong(let limit): "the language tag is longer than \(limit) characters"
            case .emptySubtag(let index): "subtag \(index) is empty"
            case .invalidLanguage: "the primary language subtag must be 2-3 or 5-8 ASCII letters"
            case .invalidSubtag(let index):
                "subtag \(index) is not a valid extlang, script, region or variant at its position"
            case .duplicateVariant(let index): "variant subtag \(index) repeats an earlier variant"
            case .unsupportedExtension(let index):
                "subtag \(index) starts an extension or private-use sequence, which is not supported"
            }
        }
    }

    /// The longest accepted tag, in characters.
    public static let maximumLength = 64

    /// The primary language subtag, lowercase (e.g. `zh`).
    public let language: String
    /// Extended language subtags, lowercase (e.g. `yue` in `zh-yue`).
    public let extendedLanguages: [String]
    /// The script subtag, titlecase (e.g. `Hant`), if any.
    public let script: String?
    /// The region subtag, uppercase (e.g. `MO`, `419`), if any.
    public let region: String?
    /// Variant subtags, lowercase, in order.
    public let variants: [String]

    /// Traditional Chinese as used in Macau: `zh-Hant-MO`.
    public static let zhHantMO = LanguageTag(language: "zh", script: "Hant", region: "MO")
    /// Traditional Chinese: `zh-Hant`.
    public static let zhHant = LanguageTag(language: "zh", script: "Hant", region: nil)
    /// Simplified Chinese: `zh-Hans`.
    public static let zhHans = LanguageTag(language: "zh", script: "Hans", region: nil)
    /// Portuguese as used in Macau: `pt-MO`.
    public static let ptMO = LanguageTag(language: "pt", script: nil, region: "MO")
    /// Portuguese: `pt`.
    public static let pt = LanguageTag(language: "pt", script: nil, region: nil)
    /// English: `en`.
    public static let en = LanguageTag(language: "en", script: nil, region: nil)

    private init(
        language: String, extendedLanguages: [String] = [], script: String?, region: String?,
        variants: [String] = []
    ) {
        self.language = language
        self.extendedLanguages = extendedLanguages
        self.script = script
        self.region = region
        self.variants = variants
    }

    /// Parses and normalises a language tag.
    ///
    /// - Parameter text: the tag, e.g. `zh-hant-mo` (any case).
    /// - Throws: ``ParseError`` saying which part is malformed.
    public init(_ text: String) throws(ParseError) {
        guard !text.isEmpty else { throw .empty }
        let bytes = Array(text.utf8)
        guard bytes.count <= Self.maximumLength else { throw .tooLong(limit: Self.maximumLength) }
        let subtags = bytes.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false).map(
            Array.init)
        for (index, subtag) in subtags.enumerated() where subtag.isEmpty {
            throw .emptySubtag(index: index)
        }
        guard let first = subtags.first, first.allSatisfy(Self.isAlpha),
            (2...3).contains(first.count) || (5...8).contains(first.count)
        else { throw .invalidLanguage }

        var extlangs: [String] = []
        var script: String?
        var region: String?
        var variants: [String] = []
        // Position in the grammar: 0 extlang, 1 script, 2 region, 3 variant.
        var stage = first.count <= 3 ? 0 : 1
        for index in 1..<subtags.count {
            let subtag = subtags[index]
            if subtag.count == 1 { throw .unsupportedExtension(index: index) }
            if stage == 0, subtag.count == 3, subtag.allSatisfy(Self.isAlpha), extlangs.count < 3 {
                extlangs.append(Self.lower(subtag))
                continue
            }
            if stage <= 1, subtag.count == 4, subtag.allSatisfy(Self.isAlpha) {
                script = Self.title(subtag)
                stage = 2
                continue
            }
            if stage <= 2,
                (subtag.count == 2 && subtag.allSatisfy(Self.isAlpha))
                    || (subtag.count == 3 && subtag.allSatisfy(Self.isDigit))
            {
                region = Self.upper(subtag)
                stage = 3
                continue
            }
            let isVariant =
                ((5...8).contains(subtag.count) && subtag.allSatisfy(Self.isAlphanumeric))
                || (subtag.count == 4 && Self.isDigit(subtag[0]) && subtag.allSatisfy(Self.isAlphanumeric))
            guard isVariant else { throw .invalidSubtag(index: index) }
            let variant = Self.lower(subtag)
            guard !variants.contains(variant) else { throw .duplicateVariant(index: index) }
            variants.append(variant)
            stage = 4
        }
        self.init(
            language: Self.lower(first), extendedLanguages: extlangs, script: script, region: region,
            variants: variants)
    }

    /// The normalised tag text, e.g. `zh-Hant-MO`.
    public var rawValue: String {
        ([language] + extendedLanguages + [script, region].compactMap { $0 } + variants).joined(
            separator: "-")
    }

    /// The normalised tag text.
    public var description: String { rawValue }

    /// The RFC 4647 lookup truncation chain, most specific first, ending with the bare language.
    ///
    /// `zh-Hant-MO` gives `[zh-Hant-MO, zh-Hant, zh]`; `en` gives `[en]`.
    public var truncationChain: [LanguageTag] {
        var chain = [self]
        var current = self
        while let shorter = current.truncated() {
            chain.append(shorter)
            current = shorter
        }
        return chain
    }

    /// This tag with its last subtag removed, or `nil` for a bare language: the step of
    /// ``truncationChain``.
    func truncated() -> LanguageTag? {
        if !variants.isEmpty {
            return LanguageTag(
                language: language, extendedLanguages: extendedLanguages, script: script, region: region,
                variants: Array(variants.dropLast()))
        }
        if region != nil {
            return LanguageTag(
                language: language, extendedLanguages: extendedLanguages, script: script, region: nil)
        }
        if script != nil {
            return LanguageTag(
                language: language, extendedLanguages: extendedLanguages, script: nil, region: nil)
        }
        if !extendedLanguages.isEmpty {
            return LanguageTag(
                language: language, extendedLanguages: Array(extendedLanguages.dropLast()), script: nil,
                region: nil)
        }
        return nil
    }

    /// Decodes a tag from a string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "invalid language tag: \(error.reason)")
        }
    }

    /// Encodes the tag as its normalised string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    private static func isAlpha(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool { isAlpha(byte) || isDigit(byte) }

    private static func lowerByte(_ byte: UInt8) -> UInt8 {
        (0x41...0x5A).contains(byte) ? byte + 0x20 : byte
    }

    private static func upperByte(_ byte: UInt8) -> UInt8 {
        (0x61...0x7A).contains(byte) ? byte - 0x20 : byte
    }

    private static func lower(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.map(lowerByte), as: UTF8.self)
    }

    private static func upper(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.map(upperByte), as: UTF8.self)
    }

    private static func title(_ bytes: [UInt8]) -> String {
        String(
            decoding: bytes.enumerated().map {
                $0.offset == 0 ? upperByte($0.element) : lowerByte($0.element)
            }, as: UTF8.self)
    }
}
