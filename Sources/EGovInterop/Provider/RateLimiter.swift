import Foundation

/// Counts requests per key in fixed windows, for contract ``RateLimit``s.
///
/// Windows are aligned to multiples of the period since 1970; a key's counter resets when a new
/// window starts. At most ``capacity`` keys are tracked; stale ones are dropped when full.
public actor RateLimiter {
    private struct Window {
        var start: Date
        var count: Int
    }

    /// The most keys tracked.
    public let capacity: Int
    private var windows: [String: Window] = [:]

    /// Creates a limiter.
    public init(capacity: Int = 100_000) { self.capacity = max(1, capacity) }

    /// Counts one request for `key` at `now`; returns `false` when `limit` is already used up.
    public func admit(key: String, limit: RateLimit, now: Date) -> Bool {
        let period = TimeInterval(max(1, limit.periodSeconds))
        let start = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / period).rounded(.down) * period)
        var window = windows[key] ?? Window(start: start, count: 0)
        if window.start != start { window = Window(start: start, count: 0) }
        guard window.count < limit.maximumRequests else { return false }
        window.count += 1
        if windows[key] == nil, windows.count >= capacity {
            windows = windows.filter { $0.value.start.addingTimeInterval(86_400) > now }
            if windows.count >= capacity { return false }
        }
        windows[key] = window
        return true
    }
}
