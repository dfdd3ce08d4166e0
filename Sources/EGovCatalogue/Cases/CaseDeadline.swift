import Foundation

/// The processing deadline of an accepted case.
///
/// The limit is counted in ``TimeLimit/dayKind`` days from the local day of acceptance (which does
/// not count): a 5-working-day case accepted on a Monday is due by the end of the following
/// Monday. Each supplement pause (補正) extends the deadline by the days of the same kind it
/// spanned, counted like the limit (after the day of the request, up to and including the day of
/// resumption); a pause still open extends the deadline up to the time of evaluation. The clock
/// stops at the decision (or withdrawal).
public struct CaseDeadline: Sendable, Hashable, Codable {
    /// The case identifier.
    public let caseID: String
    /// The service identifier.
    public let serviceID: String
    /// The department identifier.
    public let departmentID: String
    /// The time limit.
    public let timeLimit: TimeLimit
    /// When the case was accepted at intake (the clock start).
    public let acceptedAt: Date
    /// The supplement pauses.
    public let pauses: [ApplicationCase.Pause]
    /// When the clock stopped (decision or withdrawal), if it did.
    public let stoppedAt: Date?
    /// The calendar the days are counted on.
    public let calendar: WorkingCalendar

    /// The deadline of `applicationCase`, or `nil` if it was never accepted at intake.
    public init?(for applicationCase: ApplicationCase, calendar: WorkingCalendar) {
        guard let acceptedAt = applicationCase.acceptedAt else { return nil }
        self.caseID = applicationCase.id
        self.serviceID = applicationCase.serviceID
        self.departmentID = applicationCase.departmentID
        self.timeLimit = applicationCase.timeLimit
        self.acceptedAt = acceptedAt
        self.pauses = applicationCase.pauses
        self.stoppedAt = applicationCase.clockStoppedAt
        self.calendar = calendar
    }

    /// `now`, or the stop time if the clock stopped earlier.
    private func effective(_ now: Date) -> Date {
        guard let stoppedAt else { return now }
        return min(now, stoppedAt)
    }

    /// The days (of the limit's kind) the deadline is extended by, as of `now`.
    public func pausedDays(at now: Date) -> Int {
        let now = effective(now)
        var total = 0
        for pause in pauses where pause.requestedAt <= now {
            let end = min(pause.endedAt ?? now, now)
            total += max(0, calendar.days(timeLimit.dayKind, from: pause.requestedAt, to: end))
        }
        return total
    }

    /// The last local day on which the case is on time, as of `now`.
    public func dueDate(at now: Date) -> LocalDate {
        let start = calendar.localDate(of: acceptedAt)
        return calendar.adding(timeLimit.days + pausedDays(at: now), timeLimit.dayKind, to: start)
    }

    /// The first instant at which the case is late (the start of the day after ``dueDate(at:)``).
    public func dueAt(at now: Date) -> Date {
        calendar.startOfDay(calendar.adding(1, .calendar, to: dueDate(at: now)))
    }

    /// Whether the case is late at `now`: for a case whose clock stopped, whether it stopped
    /// late.
    public func isOverdue(at now: Date) -> Bool {
        let now = effective(now)
        return now >= dueAt(at: now)
    }

    /// The days of the limit's kind left at `now`: after today up to and including the due day.
    /// `0` means due today (or, when ``isOverdue(at:)`` is true, late by less than one such day);
    /// negative values count the days of that kind the case is late by.
    public func remaining(at now: Date) -> Int {
        let now = effective(now)
        return calendar.days(timeLimit.dayKind, from: calendar.localDate(of: now), to: dueDate(at: now))
    }
}
