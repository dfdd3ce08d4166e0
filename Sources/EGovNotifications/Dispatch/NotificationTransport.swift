/// Sends notices through one channel (an inbox service, an e-mail gateway, an SMS provider…).
///
/// `deliveryID` is stable across retries on the channel: a transport should treat a repeated
/// identifier as the same delivery (deduplicate), not as a new one.
public protocol NotificationTransport: Sendable {
    /// The channel this transport serves.
    var channel: NotificationChannel { get }

    /// Attempts to send `payload` for `notice`.
    ///
    /// - Parameters:
    ///   - deliveryID: the stable identifier of this notice on this channel.
    ///   - notice: the notice.
    ///   - payload: the rendered content.
    ///   - attempt: the attempt number on this channel, from 1.
    /// - Returns: the outcome; a thrown error counts as a temporary failure.
    func send(deliveryID: TransportDeliveryID, notice: Notice, payload: RenderedPayload, attempt: Int) async throws
        -> TransportResult
}
