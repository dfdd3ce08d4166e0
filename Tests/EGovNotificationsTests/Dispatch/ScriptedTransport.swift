import EGovNotifications
import Foundation

/// A transport that answers from a script (then accepts), recording the attempts it saw.
actor ScriptedTransport: NotificationTransport {
    nonisolated let channel: NotificationChannel
    private var script: [TransportResult]
    private var seen: [(TransportDeliveryID, Int)] = []

    init(channel: NotificationChannel, script: [TransportResult]) {
        self.channel = channel
        self.script = script
    }

    func send(deliveryID: TransportDeliveryID, notice: Notice, payload: RenderedPayload, attempt: Int) async throws
        -> TransportResult
    {
        seen.append((deliveryID, attempt))
        return script.isEmpty ? .accepted : script.removeFirst()
    }

    func attempts() -> [Int] { seen.map(\.1) }
    func deliveryIDs() -> [TransportDeliveryID] { seen.map(\.0) }
}
