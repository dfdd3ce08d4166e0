import EGovCore
import Foundation
import Synchronization

/// A `WallClock` that only moves when told to, for deterministic tests.
///
/// Thread-safe: the current time is guarded by a `Mutex`.
public final class ManualClock: WallClock {
    private let current: Mutex<Date>

    /// Creates a clock showing `date` (by default ``TestPKI/referenceDate``, 2026-01-01T00:00:00Z).
    public init(_ date: Date = TestPKI.referenceDate) {
        current = Mutex(date)
    }

    /// The time the clock currently shows.
    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward (or backward, for a negative interval) by `interval` seconds.
    public func advance(by interval: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(interval) }
    }

    /// Sets the clock to `date`.
    public func set(_ date: Date) {
        current.withLock { $0 = date }
    }
}
