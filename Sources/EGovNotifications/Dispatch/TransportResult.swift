/// A transport's answer to one attempt.
public enum TransportResult: Sendable, Hashable, Codable {
    /// The transport accepted the notice (delivery is reported later by a receipt).
    case accepted
    /// The attempt failed but may succeed later (timeout, throttling, unavailable).
    case temporaryFailure
    /// The channel cannot reach the recipient (no such address, opted out).
    case permanentFailure
}
