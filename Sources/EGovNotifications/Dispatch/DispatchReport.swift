/// What one ``NotificationDispatcher/runOnce()`` did.
public struct DispatchReport: Sendable, Hashable {
    /// Deliveries claimed.
    public var claimed = 0
    /// Transport calls made.
    public var attempted = 0
    /// Attempts the transport accepted.
    public var accepted = 0
    /// Retries scheduled after temporary failures.
    public var retried = 0
    /// Channels that failed permanently.
    public var channelFailures = 0
    /// Deliveries that ran out of channels.
    public var failed = 0
    /// Deliveries postponed by quiet hours or rate limits.
    public var deferred = 0
    /// Deliveries that expired.
    public var expired = 0
    /// Updates lost to a concurrent writer (the delivery will be claimed again).
    public var conflicts = 0

    /// An empty report.
    public init() {}
}
