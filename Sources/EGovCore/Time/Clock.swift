import Foundation

/// A source of the current wall-clock time.
///
/// EGovKit never reads the system time ad hoc: every component that needs "now" takes a clock,
/// so that validation at a given time, expiry and retries are deterministic in tests
/// (`ManualClock` in EGovTesting) and auditable in production.
///
/// Named `WallClock` rather than `Clock` so that it does not collide with the standard library's
/// `Clock` protocol (which measures durations with instants, not calendar dates).
public protocol WallClock: Sendable {
    /// The current time.
    func now() -> Date
}

/// The system's real-time clock.
public struct SystemClock: WallClock {
    /// Creates a system clock.
    public init() {}

    /// The current system time.
    public func now() -> Date { Date() }
}
