import EGovKit
import Foundation

/// What the gateway was asked to send.
struct SentMessage: Sendable {
    let deliveryID: String
    let text: String
}

/// The department's SMS gateway. Here it fails the first attempt for one number (temporary) and
/// refuses another (permanent), so the retry and fallback paths run.
actor SMSGateway: NotificationTransport {
    nonisolated let channel = NotificationChannel.sms
    private(set) var sent: [SentMessage] = []
    private var attemptsSeen: Set<String> = []

    func send(deliveryID: TransportDeliveryID, notice: Notice, payload: RenderedPayload, attempt: Int) async throws
        -> TransportResult
    {
        // A real gateway call goes here (HTTP, SMPP, ...). Pass `deliveryID` as the gateway's
        // client reference: a retry of the same delivery carries the same id.
        if notice.recipientAccountID == "acct-unreachable" {
            return .permanentFailure  // e.g. "number not in service"
        }
        if notice.recipientAccountID == "acct-busy", attemptsSeen.insert(deliveryID.description).inserted {
            return .temporaryFailure  // e.g. "gateway busy"
        }
        sent.append(SentMessage(deliveryID: deliveryID.description, text: payload.body))
        return .accepted
    }
}

/// The app inbox, used as the fallback channel.
actor AppInbox: NotificationTransport {
    nonisolated let channel = NotificationChannel.inbox
    private(set) var received: [String] = []
    func send(deliveryID: TransportDeliveryID, notice: Notice, payload: RenderedPayload, attempt: Int) async throws
        -> TransportResult
    {
        received.append(deliveryID.description)
        return .accepted
    }
}
