import EGovCore

/// Renders a ``NotificationTemplate`` for one channel, locale and personalisation.
///
/// Everything that could make a message wrong is checked before anything is produced:
/// - every key of the personalisation must be declared, every required placeholder must have a
///   non-`null` value, and every value must have its declared ``PlaceholderType``,
/// - no value may exceed ``maximumValueLength`` characters (or the placeholder's own
///   ``PlaceholderSpec/maximumLength`` if smaller), and keys and values together may not exceed
///   ``maximumPersonalisationBytes``,
/// - content must exist for the requested locale or one reached by fallback,
/// - the rendered text may not exceed ``maximumRenderedBytes``,
/// - an SMS must fit in ``maximumSMSSegments`` parts.
///
/// Values are substituted into the parsed template once, so a value containing `((x))` stays
/// literal text. Line breaks in values placed in a subject become spaces (no header injection).
/// For e-mail, ``RenderedMessage/html`` escapes `& < > " '` in all text, values included.
public struct TemplateRenderer: Sendable {
    /// The longest accepted value, in characters. Default 2,048.
    public var maximumValueLength: Int
    /// The largest accepted personalisation, keys and string values in UTF-8 bytes. Default 64 KiB.
    public var maximumPersonalisationBytes: Int
    /// The most parts an SMS may need. Default ``SMSInfo/defaultMaximumSegments`` (10).
    public var maximumSMSSegments: Int
    /// The largest rendered body or subject, in UTF-8 bytes, bounding the growth of a text that
    /// repeats a long value. Default 256 KiB.
    public var maximumRenderedBytes: Int

    /// Creates a renderer with the given limits.
    public init(
        maximumValueLength: Int = 2048, maximumPersonalisationBytes: Int = 64 * 1024,
        maximumSMSSegments: Int = SMSInfo.defaultMaximumSegments, maximumRenderedBytes: Int = 256 * 1024
    ) {
        self.maximumRenderedBytes = maximumRenderedBytes
        self.maximumValueLength = maximumValueLength
        self.maximumPersonalisationBytes = maximumPersonalisationBytes
        self.maximumSMSSegments = maximumSMSSegments
    }

    /// Renders `template` for `channel` in the best available locale.
    ///
    /// - Parameters:
    ///   - template: the template to render.
    ///   - channel: the channel whose variant is rendered.
    ///   - locale: the language the recipient asked for; its truncation chain is tried first.
    ///   - personalisation: values keyed by placeholder name.
    ///   - fallback: tags tried, in order, after the requested one; Macau's chain by default.
    ///     `zh-Hans` is reached only if listed.
    /// - Throws: ``TemplateError`` naming the placeholder, channel or locale concerned.
    public func render(
        _ template: NotificationTemplate, channel: NotificationChannel, locale: LanguageTag,
        personalisation: [String: JSONValue], fallback: [LanguageTag] = LocalizedText.defaultFallback
    ) throws(TemplateError) -> RenderedMessage {
        guard let variant = template.variants[channel] else { throw .channelNotAvailable(channel: channel) }
        let values = try resolveValues(template, personalisation: personalisation)
        guard let (usedLocale, bodyText) = variant.body.text(for: locale, fallback: fallback) else {
            throw .localeNotAvailable(channel: channel, requested: locale)
        }
        let compiledBody = try template.compiledText(bodyText, channel: channel, locale: usedLocale, isSubject: false)
        let body = try substitute(compiledBody, values: values, locale: usedLocale, channel: channel)
        guard !body.allSatisfy(\.isWhitespace) else { throw .emptyMessage(channel: channel) }
        var subject: String?
        if let subjectText = variant.subject?[usedLocale] {
            let compiledSubject = try template.compiledText(
                subjectText, channel: channel, locale: usedLocale, isSubject: true)
            let rendered = try substitute(compiledSubject, values: values, locale: usedLocale, channel: channel)
            subject = String(rendered.map { $0.isNewline ? " " : $0 })
        }
        let html = channel == .email ? Self.htmlFragment(body) : nil
        let sms = channel == .sms ? try SMSInfo(text: body, maximumSegments: maximumSMSSegments) : nil
        return RenderedMessage(
            channel: channel, locale: usedLocale, subject: subject, body: body, html: html, sms: sms)
    }

    private typealias Value = PersonalisationValidator.Checked

    /// The checked value of every declared placeholder, in declaration order.
    private func resolveValues(_ template: NotificationTemplate, personalisation: [String: JSONValue])
        throws(TemplateError) -> [Value]
    {
        var size = 0
        for (key, value) in personalisation {
            size += key.utf8.count + Self.byteSize(value)
        }
        guard size <= maximumPersonalisationBytes else {
            throw .personalisationTooLarge(limit: maximumPersonalisationBytes)
        }
        // The error names the first undeclared key in sorted order; keys are sorted only then.
        if personalisation.keys.contains(where: { template.placeholder(named: $0) == nil }) {
            for key in personalisation.keys.sorted() where template.placeholder(named: key) == nil {
                throw .unexpectedPersonalisation(name: PlaceholderSpec.isValidName(key) ? key : "<invalid key>")
            }
        }
        var values: [Value] = []
        values.reserveCapacity(template.placeholders.count)
        for spec in template.placeholders {
            let raw = personalisation[spec.name] ?? .null
            if case .null = raw {
                guard !spec.isRequired else { throw .missingPersonalisation(name: spec.name) }
                values.append(spec.type == .boolean ? .flag(false) : .text(""))
                continue
            }
            let limit = min(spec.maximumLength ?? maximumValueLength, maximumValueLength)
            values.append(try PersonalisationValidator.check(raw, spec: spec, limit: limit))
        }
        return values
    }

    private func substitute(
        _ text: CompiledText, values: [Value], locale: LanguageTag, channel: NotificationChannel
    ) throws(TemplateError) -> String {
        var output = ""
        var estimate = text.literalBytes
        for value in values {
            if case .text(let string) = value { estimate += string.utf8.count } else { estimate += 24 }
        }
        output.reserveCapacity(max(0, min(estimate, maximumRenderedBytes)))
        for segment in text.segments {
            switch segment {
            case .literal(let literal): output += literal
            case .value(let index):
                guard values.indices.contains(index) else { break }
                switch values[index] {
                case .text(let value): output += value
                case .date(let year, let month, let day):
                    PersonalisationValidator.appendDate(year: year, month: month, day: day, locale: locale, to: &output)
                case .flag: break
                }
            case .conditional(let index, let shown):
                if values.indices.contains(index), case .flag(true) = values[index] { output += shown }
            }
            guard output.utf8.count <= maximumRenderedBytes else {
                throw .renderedTooLarge(channel: channel, limit: maximumRenderedBytes)
            }
        }
        return output
    }

    /// Escapes text for HTML and turns blank-line-separated paragraphs into `<p>` elements and
    /// single line breaks into `<br>`.
    static func htmlFragment(_ text: String) -> String {
        let normalised = text.replacingCRLF()
        let paragraphs = normalised.components(separatedByBlankLines: ())
        return paragraphs.map { paragraph in
            "<p>"
                + paragraph.split(separator: "\n", omittingEmptySubsequences: false).map {
                    escapeHTML(String($0))
                }.joined(separator: "<br>") + "</p>"
        }.joined(separator: "\n")
    }

    /// Escapes `& < > " '` as character references.
    public static func escapeHTML(_ text: String) -> String {
        var output = ""
        output.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": output += "&amp;"
            case "<": output += "&lt;"
            case ">": output += "&gt;"
            case "\"": output += "&quot;"
            case "'": output += "&#39;"
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output
    }

    private static func byteSize(_ value: JSONValue) -> Int {
        switch value {
        case .null, .bool: 4
        case .number: 8
        case .string(let string): string.utf8.count
        case .array(let items): items.reduce(2) { $0 + byteSize($1) }
        case .object(let members): members.reduce(2) { $0 + $1.key.utf8.count + byteSize($1.value) }
        }
    }
}

extension String {
    fileprivate func replacingCRLF() -> String {
        var output = ""
        var previousCR = false
        for scalar in unicodeScalars {
            if scalar == "\r" {
                output += "\n"
                previousCR = true
                continue
            }
            if scalar == "\n", previousCR {
                previousCR = false
                continue
            }
            previousCR = false
            output.unicodeScalars.append(scalar)
        }
        return output
    }

    fileprivate func components(separatedByBlankLines: ()) -> [String] {
        var paragraphs: [String] = []
        var current: [Substring] = []
        for line in split(separator: "\n", omittingEmptySubsequences: false) {
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        return paragraphs
    }
}
