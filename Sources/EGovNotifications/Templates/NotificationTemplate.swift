import EGovCore
import Foundation

/// A versioned, validated notification template with content per channel and locale.
///
/// Texts follow GOV.UK Notify syntax: `((name))` for a personalisation value and
/// `((name??text))` for text shown only when the boolean placeholder `name` is `true`.
///
/// A template can only exist in a valid state: the initialiser and `Decodable` both check that
/// - the identifier is 1–128 characters of `A-Z a-z 0-9 . _ -` and the version is at least 1,
/// - at most ``TemplatePolicy/maximumPlaceholders`` placeholders are declared, with valid,
///   unique names,
/// - every text is at most ``TemplatePolicy/maximumTextBytes`` UTF-8 bytes, not blank, and has
///   balanced, well-formed `((...))` syntax,
/// - every placeholder used is declared, every declared one is used somewhere, conditions are
///   declared boolean and booleans appear only as conditions,
/// - every variant has text in each of ``TemplatePolicy/requiredLocales`` (by default `zh-Hant`
///   and `pt`), and a subject, if any, is single-line and authored in the same locales as the body,
/// - SMS has no subject; e-mail and inbox have one; only letters carry ``LetterRequirements``.
///
/// JSON form: `{"id", "version", "placeholders": [...], "variants": {"sms": {...}, ...}}`.
/// Decoding applies ``TemplatePolicy/default``.
public struct NotificationTemplate: Sendable, Hashable, Codable {
    /// The stable template identifier, e.g. `tax.payment-reminder`.
    public let id: String
    /// The template version, from 1; a new version is a new template for audit purposes.
    public let version: Int
    /// The content per channel.
    public let variants: [NotificationChannel: ChannelVariant]
    /// The declared placeholders, in declaration order.
    public let placeholders: [PlaceholderSpec]
    /// Every text parsed once, placeholders resolved to their declaration index (derived from
    /// the four properties above, so it takes no part in equality, hashing or coding).
    let compiled: [NotificationChannel: CompiledVariant]

    /// Creates and validates a template.
    ///
    /// - Throws: the first ``TemplateError`` found, checking channels in
    ///   `NotificationChannel/allCases` order and locales in tag order, so errors are deterministic.
    public init(
        id: String, version: Int, variants: [NotificationChannel: ChannelVariant],
        placeholders: [PlaceholderSpec], policy: TemplatePolicy = .default
    ) throws(TemplateError) {
        self.id = id
        self.version = version
        self.variants = variants
        self.placeholders = placeholders
        compiled = try Self.compile(
            id: id, version: version, variants: variants, placeholders: placeholders, policy: policy)
    }

    /// The declaration for a placeholder name, if any.
    public func placeholder(named name: String) -> PlaceholderSpec? {
        placeholders.first { $0.name == name }
    }

    /// Checks the template against `policy`; see the type's documentation for the rules.
    public func validate(policy: TemplatePolicy = .default) throws(TemplateError) {
        _ = try Self.compile(id: id, version: version, variants: variants, placeholders: placeholders, policy: policy)
    }

    /// The compiled form of `text`, the `locale` text of the body (or subject) of `channel`:
    /// the one made at creation, or, should there be none, `text` compiled now.
    func compiledText(_ text: String, channel: NotificationChannel, locale: LanguageTag, isSubject: Bool)
        throws(TemplateError) -> CompiledText
    {
        if let variant = compiled[channel], let found = (isSubject ? variant.subject : variant.body)[locale] {
            return found
        }
        let tokens: [TemplateParser.Token]
        do {
            tokens = try TemplateParser.parse(text)
        } catch {
            throw .unbalancedSyntax(channel: channel, locale: locale, offset: error.offset)
        }
        return CompiledText(tokens: tokens) { name in placeholders.firstIndex { $0.name == name } }
    }

    /// Validates the parts of a template (see the type's documentation) and compiles its texts.
    private static func compile(
        id: String, version: Int, variants: [NotificationChannel: ChannelVariant], placeholders: [PlaceholderSpec],
        policy: TemplatePolicy
    ) throws(TemplateError) -> [NotificationChannel: CompiledVariant] {
        guard Self.isValidIdentifier(id) else { throw .invalidIdentifier }
        guard version >= 1 else { throw .invalidVersion(version) }
        guard !variants.isEmpty else { throw .noVariants }
        guard placeholders.count <= policy.maximumPlaceholders else {
            throw .tooManyPlaceholders(limit: policy.maximumPlaceholders)
        }
        var declared: [String: Declared] = [:]
        for (index, spec) in placeholders.enumerated() {
            guard PlaceholderSpec.isValidName(spec.name) else { throw .invalidPlaceholderName(index: index) }
            guard declared[spec.name] == nil else { throw .duplicatePlaceholder(name: spec.name) }
            if let maximum = spec.maximumLength, maximum < 1 { throw .invalidMaximumLength(name: spec.name) }
            declared[spec.name] = Declared(index: index, type: spec.type)
        }
        var used: Set<String> = []
        var compiled: [NotificationChannel: CompiledVariant] = [:]
        for channel in NotificationChannel.allCases {
            guard let variant = variants[channel] else { continue }
            compiled[channel] = try Self.validate(
                variant, channel: channel, declared: declared, policy: policy, used: &used)
        }
        if let unused = placeholders.first(where: { !used.contains($0.name) }) {
            throw .unusedPlaceholder(name: unused.name)
        }
        return compiled
    }

    /// A declared placeholder: its position in ``placeholders`` and its type.
    private struct Declared {
        var index: Int
        var type: PlaceholderType
    }

    private static func validate(
        _ variant: ChannelVariant, channel: NotificationChannel, declared: [String: Declared],
        policy: TemplatePolicy, used: inout Set<String>
    ) throws(TemplateError) -> CompiledVariant {
        if variant.letter != nil, channel != .letter { throw .letterRequirementsNotAllowed(channel: channel) }
        switch channel {
        case .sms: if variant.subject != nil { throw .subjectNotAllowed(channel: channel) }
        case .email, .inbox: if variant.subject == nil { throw .subjectRequired(channel: channel) }
        case .push, .letter: break
        }
        if let missing = variant.body.missingLanguages(required: policy.requiredLocales).first {
            throw .missingLocale(channel: channel, locale: missing)
        }
        var compiled = CompiledVariant()
        compiled.body = try validateTexts(
            variant.body, isSubject: false, channel: channel, declared: declared, policy: policy, used: &used)
        guard let subject = variant.subject else { return compiled }
        if let missing = subject.missingLanguages(required: policy.requiredLocales).first {
            throw .missingLocale(channel: channel, locale: missing)
        }
        let bodyLocales = Set(variant.body.languages)
        let subjectLocales = Set(subject.languages)
        if let odd = bodyLocales.symmetricDifference(subjectLocales).sorted(by: { $0.rawValue < $1.rawValue })
            .first
        {
            throw .subjectLocaleMismatch(channel: channel, locale: odd)
        }
        compiled.subject = try validateTexts(
            subject, isSubject: true, channel: channel, declared: declared, policy: policy, used: &used)
        return compiled
    }

    private static func validateTexts(
        _ texts: LocalizedText, isSubject: Bool, channel: NotificationChannel,
        declared: [String: Declared], policy: TemplatePolicy, used: inout Set<String>
    ) throws(TemplateError) -> [LanguageTag: CompiledText] {
        var compiled: [LanguageTag: CompiledText] = [:]
        for locale in texts.languages {
            let text = texts[locale] ?? ""
            guard text.utf8.count <= policy.maximumTextBytes else {
                throw .textTooLarge(channel: channel, locale: locale, limit: policy.maximumTextBytes)
            }
            guard !text.allSatisfy(\.isWhitespace) else { throw .emptyText(channel: channel, locale: locale) }
            if isSubject, text.contains(where: \.isNewline) {
                throw .multilineSubject(channel: channel, locale: locale)
            }
            let tokens: [TemplateParser.Token]
            do {
                tokens = try TemplateParser.parse(text)
            } catch {
                throw .unbalancedSyntax(channel: channel, locale: locale, offset: error.offset)
            }
            for token in tokens {
                switch token {
                case .literal: continue
                case .placeholder(let name):
                    guard let type = declared[name]?.type else {
                        throw .undeclaredPlaceholder(name: name, channel: channel, locale: locale)
                    }
                    guard type != .boolean else {
                        throw .booleanOutsideConditional(name: name, channel: channel, locale: locale)
                    }
                    used.insert(name)
                case .conditional(let name, _):
                    guard let type = declared[name]?.type else {
                        throw .undeclaredPlaceholder(name: name, channel: channel, locale: locale)
                    }
                    guard type == .boolean else {
                        throw .conditionalRequiresBoolean(name: name, channel: channel, locale: locale)
                    }
                    used.insert(name)
                }
            }
            compiled[locale] = CompiledText(tokens: tokens) { declared[$0]?.index }
        }
        return compiled
    }

    private static func isValidIdentifier(_ id: String) -> Bool {
        let bytes = Array(id.utf8)
        guard !bytes.isEmpty, bytes.count <= 128 else { return false }
        return bytes.allSatisfy { byte in
            (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// Equal when identifier, version, variants and placeholders are (the compiled texts
    /// follow from them).
    public static func == (lhs: NotificationTemplate, rhs: NotificationTemplate) -> Bool {
        lhs.id == rhs.id && lhs.version == rhs.version && lhs.variants == rhs.variants
            && lhs.placeholders == rhs.placeholders
    }

    /// Hashes identifier, version, variants and placeholders.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(version)
        hasher.combine(variants)
        hasher.combine(placeholders)
    }

    private enum CodingKeys: String, CodingKey {
        case id, version, placeholders, variants
    }

    /// Decodes a template and validates it with ``TemplatePolicy/default``.
    ///
    /// Unknown channel names and any validation failure become `DecodingError.dataCorrupted`
    /// whose description carries the ``TemplateError`` code and reason.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let raw = try container.decode([String: ChannelVariant].self, forKey: .variants)
        var variants: [NotificationChannel: ChannelVariant] = [:]
        for (key, variant) in raw {
            guard let channel = NotificationChannel(rawValue: key) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .variants, in: container, debugDescription: "unknown notification channel")
            }
            variants[channel] = variant
        }
        do {
            try self.init(
                id: container.decode(String.self, forKey: .id),
                version: container.decode(Int.self, forKey: .version),
                variants: variants,
                placeholders: container.decode([PlaceholderSpec].self, forKey: .placeholders))
        } catch let error as TemplateError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// The largest template JSON accepted by ``init(jsonBytes:)``: 1 MiB.
    public static let maximumJSONBytes = 1 << 20

    /// Parses a template from its JSON form (the `Codable` form) and validates it with
    /// ``TemplatePolicy/default``.
    ///
    /// The text is first read by EGovCore's strict parser, so duplicate member names, invalid
    /// UTF-8 and lone surrogate escapes are refused rather than resolved silently by the decoder.
    ///
    /// - Throws: ``TemplateError/invalidJSON(detail:)`` saying what was wrong and where, or the
    ///   ``TemplateError`` of a template that decodes but does not validate.
    public init(jsonBytes: some Collection<UInt8>) throws(TemplateError) {
        let bytes = Array(jsonBytes)
        do {
            _ = try JSONValue.parse(bytes, limits: .init(maximumBytes: Self.maximumJSONBytes, maximumDepth: 16))
        } catch {
            throw .invalidJSON(detail: error.reason)
        }
        do {
            self = try JSONDecoder().decode(NotificationTemplate.self, from: Data(bytes))
        } catch let error as DecodingError {
            let context: DecodingError.Context? =
                switch error {
                case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context),
                    .valueNotFound(_, let context):
                    context
                @unknown default: nil
                }
            let path = (context?.codingPath ?? []).map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }
            throw .invalidJSON(detail: "\(context?.debugDescription ?? "undecodable") at $\(path.joined())")
        } catch {
            throw .invalidJSON(detail: "not a template")
        }
    }

    /// Encodes the template; variants become an object keyed by channel name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(version, forKey: .version)
        try container.encode(placeholders, forKey: .placeholders)
        var raw: [String: ChannelVariant] = [:]
        for (channel, variant) in variants { raw[channel.rawValue] = variant }
        try container.encode(raw, forKey: .variants)
    }
}
