import EGovCore

/// The content of a template for one channel, in several locales.
///
/// Texts use GOV.UK Notify syntax: `((name))` inserts a personalisation value and
/// `((name??text))` shows `text` only when the boolean `name` is `true`. Validation happens in
/// ``NotificationTemplate``.
public struct ChannelVariant: Sendable, Hashable, Codable {
    /// The e-mail subject, inbox title, push title or letter heading; must be absent for SMS and
    /// present for e-mail and inbox. Single line.
    public var subject: LocalizedText?
    /// The message body.
    public var body: LocalizedText
    /// For letters only: what the dispatcher must have before printing.
    public var letter: LetterRequirements?

    /// Creates a channel variant.
    public init(subject: LocalizedText? = nil, body: LocalizedText, letter: LetterRequirements? = nil) {
        self.subject = subject
        self.body = body
        self.letter = letter
    }
}
