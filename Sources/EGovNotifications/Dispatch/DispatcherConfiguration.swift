import Foundation

/// How a ``NotificationDispatcher`` paces and retries deliveries.
public struct DispatcherConfiguration: Sendable {
    /// The most transport calls in flight at once.
    public var maximumConcurrentSends: Int
    /// The most deliveries claimed per ``NotificationDispatcher/runOnce()``.
    public var batchSize: Int
    /// Per-channel rate limits; channels without one are not limited.
    public var rateLimits: [NotificationChannel: TokenBucket]
    /// Quiet hours for non-urgent notices, if any.
    public var quietHours: QuietHours?
    /// When to retry after temporary failures.
    public var retryPolicy: RetryPolicy
    /// When unread legally effective notices are deemed served, if the jurisdiction has a rule.
    public var deemedServiceRule: DeemedServiceRule?

    /// Creates a configuration.
    public init(
        maximumConcurrentSends: Int = 16, batchSize: Int = 256, rateLimits: [NotificationChannel: TokenBucket] = [:],
        quietHours: QuietHours? = nil, retryPolicy: RetryPolicy = RetryPolicy(),
        deemedServiceRule: DeemedServiceRule? = nil
    ) {
        self.maximumConcurrentSends = max(1, maximumConcurrentSends)
        self.batchSize = max(1, batchSize)
        self.rateLimits = rateLimits
        self.quietHours = quietHours
        self.retryPolicy = retryPolicy
        self.deemedServiceRule = deemedServiceRule
    }
}
