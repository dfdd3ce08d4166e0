import EGovCore
import Foundation

/// A ``ReplayCache`` in memory, bounded to ``capacity`` live entries.
///
/// Expired entries are dropped when the cache fills up (at most once a second); if it is still
/// full, messages are refused with ``ReplayVerdict/capacityExceeded`` rather than forgetting IDs
/// that could still be replayed.
public actor InMemoryReplayCache: ReplayCache {
    /// The entries, by sender and message ID, with their expiry.
    private struct Storage: ReplayAdmissionStorage {
        var expiries: [String: Date] = [:]

        static func key(_ sender: String, _ messageID: String) -> String { sender + "\n" + messageID }

        mutating func purgeExpired(now: Date) { expiries = expiries.filter { $0.value >= now } }

        func count() -> Int { expiries.count }

        func isLive(sender: String, messageID: String, now: Date) -> Bool {
            expiries[Self.key(sender, messageID)].map { $0 >= now } ?? false
        }

        mutating func recordUnlessLive(sender: String, messageID: String, expiry: Date, now: Date) -> Bool {
            guard !isLive(sender: sender, messageID: messageID, now: now) else { return false }
            expiries[Self.key(sender, messageID)] = expiry
            return true
        }
    }

    /// The time window.
    public nonisolated let window: ReplayWindow
    /// The most entries held.
    public nonisolated let capacity: Int
    private let clock: any WallClock
    private let admission: ReplayAdmission
    private var storage = Storage()

    /// Creates a cache.
    public init(window: ReplayWindow = ReplayWindow(), clock: any WallClock, capacity: Int = 100_000) {
        self.window = window
        self.clock = clock
        self.capacity = max(1, capacity)
        self.admission = .inMemory(window: window, capacity: self.capacity)
    }

    /// The number of entries held (including expired ones not yet purged).
    public var count: Int { storage.count() }

    public func admit(messageID: String, sender: String, issuedAt: Date) async throws -> ReplayVerdict {
        try admission.admit(
            messageID: messageID, sender: sender, issuedAt: issuedAt, now: clock.now(), storage: &storage)
    }
}
