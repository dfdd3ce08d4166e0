import Foundation

/// When to retry after a temporary failure: exponential backoff with full jitter, bounded by a
/// number of attempts and a maximum age per channel.
///
/// The delay before attempt `n + 1` is uniformly random in `0 ... min(maximumDelay,
/// baseDelay · 2^(n-1))` ("full jitter"), drawn from an injected random source so that tests
/// are reproducible.
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// The backoff before the second attempt, before jitter.
    public var baseDelay: TimeInterval
    /// The cap on the backoff, before jitter.
    public var maximumDelay: TimeInterval
    /// The most attempts per channel; after that, the channel has failed permanently.
    public var maximumAttempts: Int
    /// The longest time, from the first attempt on a channel, to keep retrying it.
    public var maximumAge: TimeInterval

    /// Creates a policy. Non-positive values are raised to sensible minimums (1 attempt, 0 s).
    public init(
        baseDelay: TimeInterval = 30, maximumDelay: TimeInterval = 3_600, maximumAttempts: Int = 6,
        maximumAge: TimeInterval = 86_400
    ) {
        self.baseDelay = max(0, baseDelay)
        self.maximumDelay = max(0, maximumDelay)
        self.maximumAttempts = max(1, maximumAttempts)
        self.maximumAge = max(0, maximumAge)
    }

    /// The un-jittered backoff cap after attempt `attempt` (1-based).
    public func backoffCap(afterAttempt attempt: Int) -> TimeInterval {
        let exponent = Double(min(max(attempt - 1, 0), 60))
        return min(maximumDelay, baseDelay * pow(2, exponent))
    }

    /// The jittered delay after attempt `attempt` (1-based).
    public func delay(afterAttempt attempt: Int, using random: inout some RandomNumberGenerator) -> TimeInterval {
        let cap = backoffCap(afterAttempt: attempt)
        guard cap > 0 else { return 0 }
        return Double.random(in: 0...cap, using: &random)
    }
}
