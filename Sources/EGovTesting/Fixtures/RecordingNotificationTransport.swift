import EGovCore
import EGovNotifications
import Foundation

/// A `NotificationTransport` that sends nothing: it records every notice it accepts and can be told
/// to fail for a recipient, so a test sees what the dispatcher sent, retried and fell back from.
///
/// An actor: safe to share between the dispatcher and the test.
public actor RecordingNotificationTransport: NotificationTransport {
    /// One accepted send.
    public struct Sent: Sendable, Hashable {
        /// The stable delivery id (the same on every retry of one notice on one channel).
        public let deliveryID: String
        /// The notice's id.
        public let noticeID: NoticeID
        /// The notice's recipient account.
        public let recipientAccountID: String
        /// The rendered subject (empty when the channel has none).
        public let subject: String
        /// The rendered body.
        public let body: String
        /// The attempt number on this channel, from 1.
        public let attempt: Int
    }

    /// How the transport answers for a recipient told to fail.
    public enum Failure: Sendable, Hashable {
        /// The next `attempts` sends to the recipient fail temporarily (the dispatcher retries).
        case temporary(attempts: Int)
        /// Every send to the recipient fails permanently (the dispatcher falls back to the next channel).
        case permanent
    }

    /// The channel this transport serves.
    public nonisolated let channel: NotificationChannel
    /// What was accepted, in order.
    public private(set) var sent: [Sent] = []
    /// Every call, accepted or not, as `(delivery id, result)`, in order.
    public private(set) var attempts: [(deliveryID: String, result: TransportResult)] = []
    private var failures: [String: Failure] = [:]

    /// Creates a transport for `channel` (by default the app inbox).
    public init(channel: NotificationChannel = .inbox) {
        self.channel = channel
    }

    /// The bodies of what was accepted, in order.
    public var bodies: [String] { sent.map(\.body) }

    /// Makes sends to `recipientAccountID` fail as `failure` says; `nil` makes them succeed again.
    public func fail(recipient recipientAccountID: String, _ failure: Failure?) {
        failures[recipientAccountID] = failure
    }

    /// Records the send, or answers with the failure set for the recipient.
    public func send(deliveryID: TransportDeliveryID, notice: Notice, payload: RenderedPayload, attempt: Int) async throws
        -> TransportResult
    {
        let result: TransportResult
        switch failures[notice.recipientAccountID] {
        case .permanent:
            result = .permanentFailure
        case .temporary(let remaining) where remaining > 0:
            failures[notice.recipientAccountID] = remaining > 1 ? .temporary(attempts: remaining - 1) : nil
            result = .temporaryFailure
        case .temporary, nil:
            result = .accepted
            sent.append(
                Sent(
                    deliveryID: deliveryID.description, noticeID: notice.id, recipientAccountID: notice.recipientAccountID,
                    subject: payload.subject, body: payload.body, attempt: attempt))
        }
        attempts.append((deliveryID.description, result))
        return result
    }
}
