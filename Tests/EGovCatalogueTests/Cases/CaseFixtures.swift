import EGovCatalogue
import Foundation

/// Shared helpers for the case tests.
enum CaseFixtures {
    static let calendar = WorkingCalendar.macau2026Sample

    /// `yyyy-MM-dd` at `hour`:`minute` Macau time.
    static func date(_ day: String, _ hour: Int = 10, _ minute: Int = 0) throws -> Date {
        try calendar.startOfDay(LocalDate(iso8601: day)).addingTimeInterval(Double(hour * 3600 + minute * 60))
    }

    static func limit(_ days: Int, _ kind: DayKind = .working) throws -> TimeLimit {
        try TimeLimit(days: days, dayKind: kind)
    }

    /// A case submitted on `submitted` (10:00) that then goes through `steps` (state, day at 10:00).
    static func makeCase(
        _ id: String, service: String = "svc.a", department: String = "dsi", channel: SubmissionChannel = .counter,
        fullyOnline: Bool = false, limit: TimeLimit, submitted: String, steps: [(CaseState, String)] = []
    ) throws -> ApplicationCase {
        var result = try ApplicationCase(
            id: id, serviceID: service, departmentID: department, channel: channel, isFullyOnline: fullyOnline,
            timeLimit: limit, submittedAt: date(submitted))
        for (state, day) in steps { try result.transition(to: state, at: date(day)) }
        return result
    }

    /// A case accepted on `accepted`, in review the same day, then `steps`.
    static func accepted(
        _ id: String, service: String = "svc.a", department: String = "dsi", channel: SubmissionChannel = .counter,
        fullyOnline: Bool = false, limit: TimeLimit, accepted: String, steps: [(CaseState, String)] = []
    ) throws -> ApplicationCase {
        try makeCase(
            id, service: service, department: department, channel: channel, fullyOnline: fullyOnline, limit: limit,
            submitted: accepted, steps: [(.acceptedAtIntake, accepted), (.inReview, accepted)] + steps)
    }
}
