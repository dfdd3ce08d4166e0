import Foundation

/// When a legally effective notice that has not been read is deemed served, per jurisdiction.
///
/// Counted in calendar days (24-hour periods) from the time the notice was sent or delivered;
/// working-day calendars are out of scope.
public struct DeemedServiceRule: Sendable, Hashable, Codable {
    /// From which event the period runs.
    public enum Anchor: String, Sendable, Hashable, Codable, CaseIterable {
        /// From the transport's acceptance (``DeliveryState/sent``).
        case sent
        /// From the delivery receipt (``DeliveryState/delivered``).
        case delivered
    }

    /// The jurisdiction the rule belongs to (e.g. `HK`, `MO`).
    public var jurisdiction: String
    /// The number of calendar days.
    public var days: Int
    /// The event the period runs from.
    public var anchor: Anchor

    /// Creates a rule.
    public init(jurisdiction: String, days: Int, anchor: Anchor) {
        self.jurisdiction = jurisdiction
        self.days = max(0, days)
        self.anchor = anchor
    }

    /// When `delivery` is deemed served under this rule, or `nil` if the rule does not apply
    /// (informational notice, not yet sent/delivered, already read or terminal).
    public func deadline(for delivery: Delivery) -> Date? {
        guard delivery.category == .legallyEffective else { return nil }
        switch (anchor, delivery.state) {
        case (.sent, .sent), (.sent, .delivered):
            return delivery.sentAt.map { $0.addingTimeInterval(TimeInterval(days) * 86_400) }
        case (.delivered, .delivered):
            return delivery.deliveredAt.map { $0.addingTimeInterval(TimeInterval(days) * 86_400) }
        default: return nil
        }
    }
}
