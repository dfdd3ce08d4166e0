import EGovCore

/// A template rendered for one channel, locale and recipient, ready to hand to a sender.
public struct RenderedMessage: Sendable, Hashable, Codable {
    /// The channel rendered for.
    public let channel: NotificationChannel
    /// The locale actually used, after fallback; may differ from the one requested.
    public let locale: LanguageTag
    /// The subject (e-mail), title (inbox, push) or heading (letter), single line; `nil` for SMS.
    public let subject: String?
    /// The plain-text body.
    public let body: String
    /// For e-mail only: the body as an HTML fragment, every character of text escaped.
    public let html: String?
    /// For SMS only: the encoding and segment count of ``body``.
    public let sms: SMSInfo?

    /// Creates a rendered message.
    public init(
        channel: NotificationChannel, locale: LanguageTag, subject: String?, body: String, html: String?,
        sms: SMSInfo?
    ) {
        self.channel = channel
        self.locale = locale
        self.subject = subject
        self.body = body
        self.html = html
        self.sms = sms
    }
}
