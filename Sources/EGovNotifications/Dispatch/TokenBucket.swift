import Foundation

/// A token-bucket rate limit: up to `capacity` sends at once, refilled at `ratePerSecond`.
public struct TokenBucket: Sendable, Hashable, Codable {
    /// The most tokens the bucket holds (the burst size).
    public let capacity: Double
    /// Tokens added per second.
    public let ratePerSecond: Double
    /// Tokens currently available.
    public private(set) var tokens: Double
    /// When ``tokens`` was last brought up to date.
    public private(set) var updatedAt: Date?

    /// Creates a full bucket. Non-positive values are raised to 1 token and a tiny rate.
    public init(capacity: Double, ratePerSecond: Double) {
        self.capacity = max(1, capacity)
        self.ratePerSecond = max(0.000_001, ratePerSecond)
        self.tokens = max(1, capacity)
    }

    /// Takes one token at `time` if available.
    public mutating func take(at time: Date) -> Bool {
        refill(at: time)
        guard tokens >= 1 else { return false }
        tokens -= 1
        return true
    }

    /// Reserves the next token at `time`, going into debt if none is available, and returns when
    /// the reserved token is due: `time` itself if a token was available. A caller that waits
    /// until then may proceed without taking another token.
    public mutating func reserve(at time: Date) -> Date {
        refill(at: time)
        tokens -= 1
        if tokens >= 0 { return time }
        return time.addingTimeInterval(-tokens / ratePerSecond)
    }

    /// When the next token is available, from `time`.
    public func nextToken(after time: Date) -> Date {
        var copy = self
        copy.refill(at: time)
        if copy.tokens >= 1 { return time }
        return time.addingTimeInterval((1 - copy.tokens) / ratePerSecond)
    }

    private mutating func refill(at time: Date) {
        if let updatedAt, time > updatedAt {
            tokens = min(capacity, tokens + time.timeIntervalSince(updatedAt) * ratePerSecond)
        }
        if updatedAt.map({ time > $0 }) ?? true { updatedAt = time }
    }
}
