import Metrics

/// swift-metrics counters per channel: `egov_notifications_sent`, `…_delivered`, `…_failed`,
/// `…_retried`, each with the dimension `channel`.
public struct NotificationMetrics: Sendable {
    private let sentCounters: [NotificationChannel: Counter]
    private let deliveredCounters: [NotificationChannel: Counter]
    private let failedCounters: [NotificationChannel: Counter]
    private let retriedCounters: [NotificationChannel: Counter]

    /// Creates the counters through the bootstrapped `MetricsSystem`.
    public init(prefix: String = "egov_notifications") {
        func make(_ name: String) -> [NotificationChannel: Counter] {
            Dictionary(
                uniqueKeysWithValues: NotificationChannel.allCases.map {
                    ($0, Counter(label: "\(prefix)_\(name)", dimensions: [("channel", $0.rawValue)]))
                })
        }
        sentCounters = make("sent")
        deliveredCounters = make("delivered")
        failedCounters = make("failed")
        retriedCounters = make("retried")
    }

    /// Counts a notice accepted by a channel's transport.
    public func sent(_ channel: NotificationChannel) { sentCounters[channel]?.increment() }
    /// Counts a delivery receipt.
    public func delivered(_ channel: NotificationChannel) { deliveredCounters[channel]?.increment() }
    /// Counts a permanent failure of a channel.
    public func failed(_ channel: NotificationChannel) { failedCounters[channel]?.increment() }
    /// Counts a scheduled retry.
    public func retried(_ channel: NotificationChannel) { retriedCounters[channel]?.increment() }
}
