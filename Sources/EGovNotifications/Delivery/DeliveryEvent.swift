/// Something that happens to a delivery and may move it to another ``DeliveryState``.
public enum DeliveryEvent: String, Sendable, Hashable, Codable, CaseIterable {
    /// The notice is queued for its first attempt.
    case enqueue
    /// An attempt starts on the current channel.
    case startSending
    /// The transport accepted the notice.
    case accept
    /// The transport (or a receipt) reported a temporary failure.
    case failTemporarily
    /// The transport (or a receipt) reported a permanent failure, or retries are exhausted.
    case failPermanently
    /// After a permanent failure, the next channel is queued.
    case fallBack
    /// After a permanent failure, no channel is left.
    case exhaust
    /// A receipt reported delivery.
    case deliver
    /// A receipt reported that the recipient read the notice.
    case read
    /// The deemed-service period elapsed without the notice being read.
    case deemService
    /// The department cancelled the notice.
    case cancel
    /// The notice's expiry passed before it was sent.
    case expire
}
