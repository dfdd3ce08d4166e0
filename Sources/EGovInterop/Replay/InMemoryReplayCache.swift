import EGovCore
import Foundation

/// A ``ReplayCache`` in memory, bounded to ``capacity`` live entries.
///
/// Expired entries are dropped when the cache fills up (at most once a second); if it is still
/// full, messages are refused with ``ReplayVerdict/capacityExceeded`` rather than forgetting IDs
/// that could still be replayed.
public actor InMemoryReplayCache: ReplayCache {
    /// The time window.
    public nonisolated let window: ReplayWindow
    /// The most entries held.
    public nonisolated let capacity: Int
    private let clock: any WallClock
    private var expiries: [String: Date] = [:]
    private var lastPurge: Date?

    /// Creates a cache.
    public init(window: ReplayWindow = ReplayWindow(), clock: any WallClock, capacity: Int = 100_000) {
        self.window = window
        self.clock = clock
        self.capacity = max(1, capacity)
    }

    /// The number of entries held (including expired ones not yet purged).
    public var count: Int { expiries.count }

    public func admit(messageID: String, sender: String, issuedAt: Date) async throws -> ReplayVerdict {
        let now = clock.now()
        if let verdict = window.timeVerdict(issuedAt: issuedAt, now: now) { return verdict }
        let key = sender + "\n" + messageID
        if let expiry = expiries[key], expiry >= now { return .replayed }
        if expiries.count >= capacity {
            // Purge at most once a second, so that a full cache does not scan on every message.
            if lastPurge.map({ now.timeIntervalSince($0) >= 1 || now < $0 }) ?? true {
                expiries = expiries.filter { $0.value >= now }
                lastPurge = now
            }
            guard expiries.count < capacity else { return .capacityExceeded }
        }
        expiries[key] = window.expiry(of: issuedAt)
        return .accepted
    }
}
