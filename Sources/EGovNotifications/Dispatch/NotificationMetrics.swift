import Metrics

/// swift-metrics counters per channel: `egov_notifications_sent`, `…_delivered`, `…_failed`,
/// `…_retried`, each with the dimension `channel`.
public struct NotificationMetrics: Sendable {
    private let sentCounters: [NotificationChannel: Counter]
    private let deliveredCounters: [NotificationChannel: Counter]
    private let failedCounters: [NotificationChannel: Counter]
    private let retriedCounters: [NotificationChannel: Counter]

    /// Creates the counters through `factory`, or the bootstrapped `MetricsSystem` when `nil`.
    public init(prefix: String = "egov_notifications", factory: (any MetricsFactory)? = nil) {
        func make(_ name: String) -> [NotificationChannel: Counter] {
            Dictionary(
                uniqueKeysWithValues: NotificationChannel.allCases.map { channel in
                    let dimensions = [("channel", channel.rawValue)]
                    let label = "\(prefix)_\(name)"
                    let counter =
                        factory.map { Counter(label: label, dimensions: dimensions, factory: $0) }
                        ?? Counter(label: label, dimensions: dimensions)
                    return (channel, counter)
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
