import EGovCore

/// Why a notification template was rejected or could not be rendered.
///
/// Every case has a stable ``code`` under `notifications.template.`. Reasons name the placeholder,
/// channel and locale concerned, but never echo a personalisation value: values may be personal
/// data, and errors end up in logs.
public enum TemplateError: EGovError, Equatable, Hashable {
    /// The template identifier is empty, too long, or uses characters outside `A-Z a-z 0-9 . _ -`.
    case invalidIdentifier
    /// The template version is below 1.
    case invalidVersion(Int)
    /// The template has no channel variant at all.
    case noVariants
    /// A declared placeholder name is not `[A-Za-z][A-Za-z0-9_]*` of at most 64 characters.
    case invalidPlaceholderName(index: Int)
    /// A placeholder declares a ``PlaceholderSpec/maximumLength`` below 1.
    case invalidMaximumLength(name: String)
    /// Two placeholder declarations share a name.
    case duplicatePlaceholder(name: String)
    /// More placeholders are declared than allowed.
    case tooManyPlaceholders(limit: Int)
    /// A text (body or subject in one locale) is larger than allowed, in UTF-8 bytes.
    case textTooLarge(channel: NotificationChannel, locale: LanguageTag, limit: Int)
    /// A text has an empty or whitespace-only entry for a locale.
    case emptyText(channel: NotificationChannel, locale: LanguageTag)
    /// A `((` without its `))`, a stray `))`, a nested `((`, or malformed content between them.
    case unbalancedSyntax(channel: NotificationChannel, locale: LanguageTag, offset: Int)
    /// A text uses a placeholder that is not declared.
    case undeclaredPlaceholder(name: String, channel: NotificationChannel, locale: LanguageTag)
    /// A declared placeholder is used in no text of any channel.
    case unusedPlaceholder(name: String)
    /// A conditional `((name??text))` names a placeholder that is not declared as boolean.
    case conditionalRequiresBoolean(name: String, channel: NotificationChannel, locale: LanguageTag)
    /// A boolean placeholder is used as `((name))` instead of in a conditional.
    case booleanOutsideConditional(name: String, channel: NotificationChannel, locale: LanguageTag)
    /// A required locale has no body (or subject) text in a channel variant.
    case missingLocale(channel: NotificationChannel, locale: LanguageTag)
    /// The subject and the body of a variant are authored in different sets of locales.
    case subjectLocaleMismatch(channel: NotificationChannel, locale: LanguageTag)
    /// A subject was given for a channel that has none (SMS).
    case subjectNotAllowed(channel: NotificationChannel)
    /// The channel needs a subject (e-mail, inbox) and none was given.
    case subjectRequired(channel: NotificationChannel)
    /// A subject text contains a line break.
    case multilineSubject(channel: NotificationChannel, locale: LanguageTag)
    /// Letter requirements were given for a channel other than ``NotificationChannel/letter``.
    case letterRequirementsNotAllowed(channel: NotificationChannel)
    /// The template has no variant for the channel asked for.
    case channelNotAvailable(channel: NotificationChannel)
    /// No content exists for the requested locale, even after fallback.
    case localeNotAvailable(channel: NotificationChannel, requested: LanguageTag)
    /// A required placeholder has no personalisation value (absent or `null`).
    case missingPersonalisation(name: String)
    /// The personalisation has a key that the template does not declare.
    ///
    /// The key is reported only if it is a syntactically valid placeholder name; otherwise
    /// `name` is `"<invalid key>"`.
    case unexpectedPersonalisation(name: String)
    /// A value does not have the declared type or form; `problem` says what is wrong, without the value.
    case invalidPersonalisation(name: String, type: PlaceholderType, problem: String)
    /// A value is longer than allowed, in characters.
    case valueTooLong(name: String, limit: Int)
    /// All personalisation keys and values together exceed the allowed size, in UTF-8 bytes.
    case personalisationTooLarge(limit: Int)
    /// The rendered body or subject is larger than the renderer allows, in UTF-8 bytes.
    case renderedTooLarge(channel: NotificationChannel, limit: Int)
    /// The rendered body is empty.
    case emptyMessage(channel: NotificationChannel)
    /// The rendered SMS needs more segments than allowed.
    case smsTooLong(segments: Int, limit: Int)
    /// The template's JSON text is not strict JSON (duplicate member names, invalid UTF-8, a lone
    /// surrogate, …) or does not decode as a template; `detail` says what and where.
    case invalidJSON(detail: String)

    /// A stable machine-readable code under `notifications.template.`.
    public var code: String {
        switch self {
        case .invalidIdentifier: "notifications.template.invalid_identifier"
        case .invalidVersion: "notifications.template.invalid_version"
        case .noVariants: "notifications.template.no_variants"
        case .invalidPlaceholderName: "notifications.template.invalid_placeholder_name"
        case .invalidMaximumLength: "notifications.template.invalid_maximum_length"
        case .duplicatePlaceholder: "notifications.template.duplicate_placeholder"
        case .tooManyPlaceholders: "notifications.template.too_many_placeholders"
        case .textTooLarge: "notifications.template.text_too_large"
        case .emptyText: "notifications.template.empty_text"
        case .unbalancedSyntax: "notifications.template.unbalanced_syntax"
        case .undeclaredPlaceholder: "notifications.template.undeclared_placeholder"
        case .unusedPlaceholder: "notifications.template.unused_placeholder"
        case .conditionalRequiresBoolean: "notifications.template.conditional_requires_boolean"
        case .booleanOutsideConditional: "notifications.template.boolean_outside_conditional"
        case .missingLocale: "notifications.template.missing_locale"
        case .subjectLocaleMismatch: "notifications.template.subject_locale_mismatch"
        case .subjectNotAllowed: "notifications.template.subject_not_allowed"
        case .subjectRequired: "notifications.template.subject_required"
        case .multilineSubject: "notifications.template.multiline_subject"
        case .letterRequirementsNotAllowed: "notifications.template.letter_requirements_not_allowed"
        case .channelNotAvailable: "notifications.template.channel_not_available"
        case .localeNotAvailable: "notifications.template.locale_not_available"
        case .missingPersonalisation: "notifications.template.missing_personalisation"
        case .unexpectedPersonalisation: "notifications.template.unexpected_personalisation"
        case .invalidPersonalisation: "notifications.template.invalid_personalisation"
        case .valueTooLong: "notifications.template.value_too_long"
        case .personalisationTooLarge: "notifications.template.personalisation_too_large"
        case .renderedTooLarge: "notifications.template.rendered_too_large"
        case .emptyMessage: "notifications.template.empty_message"
        case .smsTooLong: "notifications.template.sms_too_long"
        case .invalidJSON: "notifications.template.invalid_json"
        }
    }

    /// A readable explanation naming the placeholder, channel and locale, never a value.
    public var reason: String {
        switch self {
        case .invalidIdentifier:
            "the template identifier must be 1-128 characters of A-Z, a-z, 0-9, '.', '_' or '-'"
        case .invalidVersion(let version): "the template version \(version) is below 1"
        case .noVariants: "the template has no channel variant"
        case .invalidPlaceholderName(let index):
            "placeholder declaration \(index) has a name that is not [A-Za-z][A-Za-z0-9_]* of at most 64 characters"
        case .invalidMaximumLength(let name): "placeholder '\(name)' declares a maximum length below 1"
        case .duplicatePlaceholder(let name): "placeholder '\(name)' is declared twice"
        case .tooManyPlaceholders(let limit): "more than \(limit) placeholders are declared"
        case .textTooLarge(let channel, let locale, let limit):
            "a \(channel.rawValue) text in \(locale) is larger than \(limit) bytes"
        case .emptyText(let channel, let locale): "the \(channel.rawValue) text in \(locale) is empty"
        case .unbalancedSyntax(let channel, let locale, let offset):
            "the \(channel.rawValue) text in \(locale) has unbalanced or malformed '((...))' syntax at byte \(offset)"
        case .undeclaredPlaceholder(let name, let channel, let locale):
            "the \(channel.rawValue) text in \(locale) uses placeholder '\(name)', which is not declared"
        case .unusedPlaceholder(let name): "placeholder '\(name)' is declared but used in no text"
        case .conditionalRequiresBoolean(let name, let channel, let locale):
            "the \(channel.rawValue) text in \(locale) uses '\(name)' as a condition, but it is not declared boolean"
        case .booleanOutsideConditional(let name, let channel, let locale):
            "the \(channel.rawValue) text in \(locale) uses boolean '\(name)' outside a '((\(name)??...))' conditional"
        case .missingLocale(let channel, let locale):
            "the \(channel.rawValue) variant has no text in the required locale \(locale)"
        case .subjectLocaleMismatch(let channel, let locale):
            "the \(channel.rawValue) variant's subject and body differ in locale \(locale)"
        case .subjectNotAllowed(let channel): "a \(channel.rawValue) variant cannot have a subject"
        case .subjectRequired(let channel): "a \(channel.rawValue) variant needs a subject"
        case .multilineSubject(let channel, let locale):
            "the \(channel.rawValue) subject in \(locale) contains a line break"
        case .letterRequirementsNotAllowed(let channel):
            "letter requirements were given for the \(channel.rawValue) channel"
        case .channelNotAvailable(let channel): "the template has no \(channel.rawValue) variant"
        case .localeNotAvailable(let channel, let requested):
            "the \(channel.rawValue) variant has no content for \(requested), even after fallback"
        case .missingPersonalisation(let name): "no value was given for required placeholder '\(name)'"
        case .unexpectedPersonalisation(let name): "the personalisation key '\(name)' is not declared"
        case .invalidPersonalisation(let name, let type, let problem):
            "the value for '\(name)' is not a valid \(type.rawValue): \(problem)"
        case .valueTooLong(let name, let limit): "the value for '\(name)' is longer than \(limit) characters"
        case .personalisationTooLarge(let limit): "the personalisation is larger than \(limit) bytes"
        case .renderedTooLarge(let channel, let limit):
            "the rendered \(channel.rawValue) text is larger than \(limit) bytes"
        case .emptyMessage(let channel): "the rendered \(channel.rawValue) body is empty"
        case .smsTooLong(let segments, let limit):
            "the SMS needs \(segments) segments, more than the limit of \(limit)"
        case .invalidJSON(let detail): "the template is not valid JSON: \(detail)"
        }
    }
}
