import Foundation

/// One entry of a delivery's history.
public struct DeliveryTransition: Sendable, Hashable, Codable {
    /// The state before.
    public let from: DeliveryState
    /// The event.
    public let event: DeliveryEvent
    /// The state after.
    public let to: DeliveryState
    /// When it happened.
    public let at: Date
    /// The channel that was current when it happened.
    public let channel: NotificationChannel

    /// Creates a history entry.
    public init(from: DeliveryState, event: DeliveryEvent, to: DeliveryState, at: Date, channel: NotificationChannel) {
        self.from = from
        self.event = event
        self.to = to
        self.at = at
        self.channel = channel
    }
}
