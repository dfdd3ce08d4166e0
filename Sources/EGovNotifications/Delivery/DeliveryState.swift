/// Where a notice's delivery stands. See ``DeliveryStateMachine`` for the allowed transitions.
public enum DeliveryState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Stored, not yet queued.
    case created
    /// Waiting for its next attempt (``Delivery/nextAttemptAt``) on the current channel.
    case queued
    /// Handed to the transport; awaiting its answer.
    case sending
    /// Accepted by the transport.
    case sent
    /// The transport reported delivery to the recipient.
    case delivered
    /// The recipient opened the notice.
    case read
    /// The last attempt failed temporarily; a retry is scheduled.
    case temporaryFailure
    /// The current channel failed for good; the next channel is tried, if any.
    case permanentFailure
    /// Every channel failed permanently. Terminal.
    case failed
    /// Cancelled by the department. Terminal.
    case cancelled
    /// The notice expired before it was sent. Terminal.
    case expired
    /// A legally effective notice is deemed served after the rule's period without being read. Terminal.
    case deemedServed

    /// Whether no further event is accepted.
    public var isTerminal: Bool {
        switch self {
        case .read, .failed, .cancelled, .expired, .deemedServed: true
        default: false
        }
    }
}
