import Foundation
import Synchronization

/// Decides when a durable ``ReplayCache`` purges its expired entries: at the first admission, then
/// at most once per ``interval`` (or again at once if the clock went backwards).
///
/// The schedule of a ``ReplayAdmission`` (every replay cache: in memory, SQLite, PostgreSQL);
/// thread-safe.
public final class ReplayPurgeSchedule: Sendable {
    /// The least time between two purges, in seconds (0 or more).
    public let interval: TimeInterval
    private let lastPurge = Mutex<Date?>(nil)

    /// Creates a schedule; a negative `interval` counts as 0 (purge at every admission).
    public init(interval: TimeInterval) {
        self.interval = max(0, interval)
    }

    /// Whether a purge is due at `now`; if so, records `now` as the last purge.
    public func isDue(at now: Date) -> Bool {
        lastPurge.withLock { last -> Bool in
            guard last.map({ now.timeIntervalSince($0) >= interval || now < $0 }) ?? true else { return false }
            last = now
            return true
        }
    }
}
