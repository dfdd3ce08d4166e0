/// The stable identifier a transport sees for one notice on one channel: `<notice id>#<channel>`.
///
/// Retries on the same channel reuse it, so that a transport can deduplicate; a fallback to
/// another channel gets another one.
public struct TransportDeliveryID: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The notice.
    public let noticeID: NoticeID
    /// The channel.
    public let channel: NotificationChannel

    /// Creates the identifier for `noticeID` on `channel`.
    public init(noticeID: NoticeID, channel: NotificationChannel) {
        self.noticeID = noticeID
        self.channel = channel
    }

    /// Parses `<notice id>#<channel>`; `nil` if malformed.
    public init?(parsing text: String) {
        guard let separator = text.lastIndex(of: "#") else { return nil }
        let id = String(text[..<separator])
        guard !id.isEmpty, let channel = NotificationChannel(rawValue: String(text[text.index(after: separator)...]))
        else { return nil }
        self.init(noticeID: NoticeID(id), channel: channel)
    }

    /// The text form, `<notice id>#<channel>`.
    public var rawValue: String { noticeID.rawValue + "#" + channel.rawValue }

    /// The text form.
    public var description: String { rawValue }
}
