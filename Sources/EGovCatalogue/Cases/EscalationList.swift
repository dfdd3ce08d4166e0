import EGovCore
import Foundation

/// The chase-up list (催辦督辦): open cases that are past their deadline or within a given number
/// of days of it, most urgent first.
///
/// Urgency is the due instant (earliest first), then the case identifier, so the order is
/// deterministic. Cases awaiting a supplement are included (their deadline keeps moving while
/// paused) and flagged.
public struct EscalationList: Sendable, Hashable, Codable {
    /// One case on the list.
    public struct Entry: Sendable, Hashable, Codable {
        /// The case identifier.
        public let caseID: String
        /// The service identifier.
        public let serviceID: String
        /// The department identifier.
        public let departmentID: String
        /// The case's state.
        public let state: CaseState
        /// The last local day on which the case is on time.
        public let dueDate: LocalDate
        /// The first instant at which the case is late.
        public let dueAt: Date
        /// Days (of the case's limit kind) left; see ``CaseDeadline/remaining(at:)``.
        public let remainingDays: Int
        /// Whether the case is already late.
        public let isOverdue: Bool
        /// Whether the case is awaiting a supplement (clock paused).
        public let isPaused: Bool
    }

    /// When the list was drawn up.
    public let generatedAt: Date
    /// The warning horizon, in days of each case's limit kind.
    public let withinDays: Int
    /// The cases, most urgent first.
    public let entries: [Entry]

    /// Draws up the list at `now`.
    ///
    /// - Parameters:
    ///   - cases: Any cases; only open ones (``ApplicationCase/isOpen``) are considered.
    ///   - calendar: The working calendar that counts the days left.
    ///   - withinDays: Include cases with at most this many days left (negative values are treated
    ///     as zero).
    ///   - now: The time the list is drawn up at.
    public init(cases: [ApplicationCase], calendar: WorkingCalendar, withinDays: Int, at now: Date) {
        let horizon = max(0, withinDays)
        var entries: [Entry] = []
        for applicationCase in cases where applicationCase.isOpen {
            guard let deadline = CaseDeadline(for: applicationCase, calendar: calendar) else { continue }
            let overdue = deadline.isOverdue(at: now)
            let remaining = deadline.remaining(at: now)
            guard overdue || remaining <= horizon else { continue }
            entries.append(
                Entry(
                    caseID: applicationCase.id, serviceID: applicationCase.serviceID,
                    departmentID: applicationCase.departmentID, state: applicationCase.state,
                    dueDate: deadline.dueDate(at: now), dueAt: deadline.dueAt(at: now),
                    remainingDays: remaining, isOverdue: overdue, isPaused: applicationCase.state.pausesClock))
        }
        entries.sort { ($0.dueAt, $0.caseID) < ($1.dueAt, $1.caseID) }
        self.generatedAt = now
        self.withinDays = horizon
        self.entries = entries
    }

    /// Draws up the list now, according to `clock`.
    public init(cases: [ApplicationCase], calendar: WorkingCalendar, withinDays: Int, clock: any WallClock) {
        self.init(cases: cases, calendar: calendar, withinDays: withinDays, at: clock.now())
    }
}
