import EGovCatalogue
import Foundation
import Testing

@Suite struct CatalogueCaseDeadlineTests {
    let calendar = CaseFixtures.calendar

    func deadline(_ applicationCase: ApplicationCase) throws -> CaseDeadline {
        try #require(CaseDeadline(for: applicationCase, calendar: calendar))
    }

    func day(_ text: String) throws -> LocalDate { try LocalDate(iso8601: text) }

    @Test func workingDaysAcrossAWeekend() throws {
        let subject = try CaseFixtures.accepted("c", limit: CaseFixtures.limit(5), accepted: "2026-03-02")
        let due = try deadline(subject)
        let now = try CaseFixtures.date("2026-03-03")
        #expect(due.dueDate(at: now) == (try day("2026-03-09")))
        #expect(due.dueAt(at: now) == (try CaseFixtures.date("2026-03-10", 0)))
        #expect(due.remaining(at: now) == 4)
    }

    @Test func workingDaysAcrossHolidays() throws {
        // Accepted Thu 2 Apr: 3, 6 and 7 Apr are holidays, 4–5 a weekend.
        let subject = try CaseFixtures.accepted("c", limit: CaseFixtures.limit(3), accepted: "2026-04-02")
        #expect(try deadline(subject).dueDate(at: CaseFixtures.date("2026-04-02")) == (try day("2026-04-10")))
    }

    @Test func calendarDaysIgnoreWeekendsAndHolidays() throws {
        let subject = try CaseFixtures.accepted(
            "c", limit: CaseFixtures.limit(3, .calendar), accepted: "2026-04-02")
        let due = try deadline(subject)
        #expect(try due.dueDate(at: CaseFixtures.date("2026-04-02")) == (try day("2026-04-05")))
        #expect(try due.remaining(at: CaseFixtures.date("2026-04-03")) == 2)
    }

    @Test func aPauseSpanningHolidaysExtendsByItsWorkingDaysOnly() throws {
        // Accepted Mon 30 Mar, 5 working days: due Thu 9 Apr without a pause.
        // Paused Wed 1 Apr → Wed 8 Apr: working days 2 Apr and 8 Apr (3–7 Apr are off) → +2.
        let unpaused = try CaseFixtures.accepted("c", limit: CaseFixtures.limit(5), accepted: "2026-03-30")
        #expect(try deadline(unpaused).dueDate(at: CaseFixtures.date("2026-03-30")) == (try day("2026-04-09")))
        let paused = try CaseFixtures.accepted(
            "c", limit: CaseFixtures.limit(5), accepted: "2026-03-30",
            steps: [(.supplementRequested, "2026-04-01"), (.inReview, "2026-04-08")])
        let due = try deadline(paused)
        let now = try CaseFixtures.date("2026-04-09")
        #expect(due.pausedDays(at: now) == 2)
        #expect(due.dueDate(at: now) == (try day("2026-04-13")))
    }

    @Test func multiplePausesAndResumptions() throws {
        // Accepted Mon 2 Mar, 10 working days: due Mon 16 Mar without pauses.
        // Pause 1: Wed 4 → Fri 6 Mar (+2). Pause 2: Tue 10 → Mon 16 Mar (+4). Due Tue 24 Mar.
        let subject = try CaseFixtures.accepted(
            "c", limit: CaseFixtures.limit(10), accepted: "2026-03-02",
            steps: [
                (.supplementRequested, "2026-03-04"), (.inReview, "2026-03-06"),
                (.supplementRequested, "2026-03-10"), (.inReview, "2026-03-16"),
            ])
        let due = try deadline(subject)
        #expect(try due.pausedDays(at: CaseFixtures.date("2026-03-05")) == 1)
        #expect(try due.pausedDays(at: CaseFixtures.date("2026-03-12")) == 4)
        #expect(try due.pausedDays(at: CaseFixtures.date("2026-03-20")) == 6)
        #expect(try due.dueDate(at: CaseFixtures.date("2026-03-20")) == (try day("2026-03-24")))
        #expect(try !due.isOverdue(at: CaseFixtures.date("2026-03-24", 23, 59)))
        #expect(try due.isOverdue(at: CaseFixtures.date("2026-03-25", 0)))
    }

    @Test func remainingStaysConstantWhilePaused() throws {
        let subject = try CaseFixtures.accepted(
            "c", limit: CaseFixtures.limit(10), accepted: "2026-03-02", steps: [(.supplementRequested, "2026-03-04")])
        let due = try deadline(subject)
        #expect(try due.remaining(at: CaseFixtures.date("2026-03-04")) == 8)
        #expect(try due.remaining(at: CaseFixtures.date("2026-03-06")) == 8)
        #expect(try due.remaining(at: CaseFixtures.date("2026-03-20")) == 8)
        #expect(try !due.isOverdue(at: CaseFixtures.date("2026-06-01")))
    }

    @Test func calendarVersusWorkingPause() throws {
        // Paused Wed 4 → Sat 7 Mar: +3 calendar days, but +2 working days.
        let steps: [(CaseState, String)] = [(.supplementRequested, "2026-03-04"), (.inReview, "2026-03-07")]
        let calendarCase = try CaseFixtures.accepted(
            "c", limit: CaseFixtures.limit(10, .calendar), accepted: "2026-03-02", steps: steps)
        let workingCase = try CaseFixtures.accepted(
            "w", limit: CaseFixtures.limit(10), accepted: "2026-03-02", steps: steps)
        let now = try CaseFixtures.date("2026-03-09")
        #expect(try deadline(calendarCase).pausedDays(at: now) == 3)
        #expect(try deadline(calendarCase).dueDate(at: now) == (try day("2026-03-15")))
        #expect(try deadline(workingCase).pausedDays(at: now) == 2)
        #expect(try deadline(workingCase).dueDate(at: now) == (try day("2026-03-18")))
    }

    @Test func overdueDetection() throws {
        let open = try CaseFixtures.accepted("c", limit: CaseFixtures.limit(5), accepted: "2026-03-02")
        let due = try deadline(open)
        #expect(try !due.isOverdue(at: CaseFixtures.date("2026-03-09", 23, 59)))
        #expect(try due.remaining(at: CaseFixtures.date("2026-03-09", 23, 59)) == 0)
        #expect(try due.isOverdue(at: CaseFixtures.date("2026-03-10", 0)))
        #expect(try due.remaining(at: CaseFixtures.date("2026-03-11")) == -2)
        // The clock stops at the decision.
        let onTime = try CaseFixtures.accepted(
            "c", limit: CaseFixtures.limit(5), accepted: "2026-03-02", steps: [(.decided(.approved), "2026-03-09")])
        #expect(try !deadline(onTime).isOverdue(at: CaseFixtures.date("2026-12-31")))
        #expect(try deadline(onTime).remaining(at: CaseFixtures.date("2026-12-31")) == 0)
        let late = try CaseFixtures.accepted(
            "c", limit: CaseFixtures.limit(5), accepted: "2026-03-02", steps: [(.decided(.refused), "2026-03-10")])
        #expect(try deadline(late).isOverdue(at: CaseFixtures.date("2026-12-31")))
    }

    @Test func acceptanceOnANonWorkingLocalDay() throws {
        // 23:30 UTC Friday = Saturday 07:30 in Macau: the count starts on Monday.
        var subject = try ApplicationCase(
            id: "c", serviceID: "s", departmentID: "d", channel: .online, isFullyOnline: false,
            timeLimit: CaseFixtures.limit(1), submittedAt: CaseFixtures.date("2026-03-07", 7, 30))
        try subject.transition(to: .acceptedAtIntake, at: CaseFixtures.date("2026-03-07", 7, 30))
        #expect(try deadline(subject).dueDate(at: CaseFixtures.date("2026-03-07")) == (try day("2026-03-09")))
    }

    @Test func noDeadlineBeforeAcceptance() throws {
        let submitted = try CaseFixtures.makeCase("c", limit: CaseFixtures.limit(5), submitted: "2026-03-02")
        #expect(CaseDeadline(for: submitted, calendar: calendar) == nil)
        let refused = try CaseFixtures.makeCase(
            "c", limit: CaseFixtures.limit(5), submitted: "2026-03-02", steps: [(.refusedAtIntake, "2026-03-02")])
        #expect(CaseDeadline(for: refused, calendar: calendar) == nil)
    }
}
