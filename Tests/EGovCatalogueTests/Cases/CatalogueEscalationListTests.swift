import EGovCatalogue
import EGovTesting
import Foundation
import Testing

@Suite struct CatalogueEscalationListTests {
    /// Evaluated on Wed 11 Mar 2026.
    static func cases() throws -> [ApplicationCase] {
        [
            // Due Mon 16 Mar: 3 days left, outside a 2-day horizon.
            try CaseFixtures.accepted("case-C", limit: CaseFixtures.limit(10), accepted: "2026-03-02"),
            // Due Mon 9 Mar: 2 days late.
            try CaseFixtures.accepted("case-A", limit: CaseFixtures.limit(5), accepted: "2026-03-02"),
            // Due Fri 13 Mar: 2 days left (on the horizon).
            try CaseFixtures.accepted("case-G", limit: CaseFixtures.limit(9), accepted: "2026-03-02"),
            // Due Thu 12 Mar: 1 day left.
            try CaseFixtures.accepted("case-B", limit: CaseFixtures.limit(8), accepted: "2026-03-02"),
            // Paused since Thu 5 Mar (+4 by the 11th): due Fri 13 Mar, 2 days left; ties with G, sorted by id.
            try CaseFixtures.accepted(
                "case-E", limit: CaseFixtures.limit(5), accepted: "2026-03-02",
                steps: [(.supplementRequested, "2026-03-05")]),
            // Due Wed 4 Mar: 5 days late, most urgent.
            try CaseFixtures.accepted("case-F", limit: CaseFixtures.limit(3), accepted: "2026-02-27"),
            // Decided: not open.
            try CaseFixtures.accepted(
                "case-D", limit: CaseFixtures.limit(3), accepted: "2026-02-27",
                steps: [(.decided(.approved), "2026-03-10")]),
            // Never accepted.
            try CaseFixtures.makeCase("case-S", limit: CaseFixtures.limit(1), submitted: "2026-02-02"),
        ]
    }

    @Test func overdueAndDueSoonCasesMostUrgentFirst() throws {
        let clock = ManualClock(try CaseFixtures.date("2026-03-11"))
        let list = EscalationList(cases: try Self.cases(), calendar: CaseFixtures.calendar, withinDays: 2, clock: clock)
        #expect(list.entries.map(\.caseID) == ["case-F", "case-A", "case-B", "case-E", "case-G"])
        #expect(list.entries.map(\.remainingDays) == [-5, -2, 1, 2, 2])
        #expect(list.entries.map(\.isOverdue) == [true, true, false, false, false])
        #expect(list.entries.map(\.isPaused) == [false, false, false, true, false])
        #expect(list.entries[3].state == .supplementRequested)
        #expect(list.entries[0].dueDate == (try LocalDate(iso8601: "2026-03-04")))
        #expect(list.generatedAt == clock.now())
    }

    @Test func zeroHorizonListsOnlyLateAndDueTodayCases() throws {
        let list = try EscalationList(
            cases: try Self.cases(), calendar: CaseFixtures.calendar, withinDays: 0, at: CaseFixtures.date("2026-03-11")
        )
        #expect(list.entries.map(\.caseID) == ["case-F", "case-A"])
        let onDueDay = try EscalationList(
            cases: try Self.cases(), calendar: CaseFixtures.calendar, withinDays: -3,
            at: CaseFixtures.date("2026-03-12"))
        #expect(onDueDay.withinDays == 0)
        #expect(onDueDay.entries.map(\.caseID) == ["case-F", "case-A", "case-B"])
    }
}
