import EGovCatalogue
import Foundation
import Testing

@Suite struct CatalogueWorkingCalendarTests {
    let calendar = CaseFixtures.calendar

    @Test func weekdaysAndLocalDays() throws {
        #expect(try LocalDate(iso8601: "2026-01-01").weekday == 5)  // Thursday
        #expect(try LocalDate(iso8601: "2026-03-02").weekday == 2)  // Monday
        #expect(try LocalDate(iso8601: "1969-12-31").weekday == 4)  // Wednesday, before the epoch
        // 23:30 UTC on Friday 2026-03-06 is already Saturday in Macau.
        let lateFridayUTC = try CaseFixtures.date("2026-03-07", 7, 30)
        #expect(calendar.localDate(of: lateFridayUTC) == (try LocalDate(iso8601: "2026-03-07")))
        #expect(!calendar.isWorkingDay(lateFridayUTC))
        let utc = try WorkingCalendar(utcOffset: 0)
        #expect(utc.localDate(of: lateFridayUTC) == (try LocalDate(iso8601: "2026-03-06")))
        #expect(utc.isWorkingDay(lateFridayUTC))
    }

    @Test func addingWorkingDaysAcrossAWeekend() throws {
        let friday = try CaseFixtures.date("2026-03-06", 15)
        #expect(calendar.addingWorkingDays(1, to: friday) == (try CaseFixtures.date("2026-03-09", 15)))
        #expect(calendar.addingWorkingDays(5, to: friday) == (try CaseFixtures.date("2026-03-13", 15)))
        #expect(calendar.addingWorkingDays(-1, to: friday) == (try CaseFixtures.date("2026-03-05", 15)))
        #expect(calendar.addingWorkingDays(0, to: friday) == friday)
        let saturday = try CaseFixtures.date("2026-03-07")
        #expect(calendar.addingWorkingDays(1, to: saturday) == (try CaseFixtures.date("2026-03-09")))
        #expect(calendar.workingDays(from: friday, to: try CaseFixtures.date("2026-03-09")) == 1)
        #expect(calendar.workingDays(from: friday, to: try CaseFixtures.date("2026-03-08")) == 0)
        #expect(calendar.workingDays(from: try CaseFixtures.date("2026-03-13"), to: friday) == -5)
    }

    @Test func addingWorkingDaysAcrossHolidays() throws {
        // Easter and Ching Ming 2026: Fri 3 Apr, Sat 4, Sun 5, Mon 6 and Tue 7 (compensatory days) are off.
        let thursday = try CaseFixtures.date("2026-04-02")
        #expect(calendar.addingWorkingDays(1, to: thursday) == (try CaseFixtures.date("2026-04-08")))
        #expect(calendar.workingDays(from: thursday, to: try CaseFixtures.date("2026-04-10")) == 3)
        // Lunar New Year: Tue 17 – Thu 19 Feb.
        #expect(
            calendar.addingWorkingDays(2, to: try CaseFixtures.date("2026-02-16"))
                == (try CaseFixtures.date("2026-02-23")))
        // Without holidays the same span is longer.
        let plain = try WorkingCalendar()
        #expect(plain.workingDays(from: thursday, to: try CaseFixtures.date("2026-04-10")) == 6)
    }

    @Test("working-day counting inverts adding", arguments: [1, 2, 5, 10, 23, 60, 250])
    func countingInvertsAdding(_ n: Int) throws {
        for start in ["2026-01-01", "2026-02-14", "2026-04-02", "2026-09-25", "2026-12-19"] {
            let date = try CaseFixtures.date(start)
            #expect(calendar.workingDays(from: date, to: calendar.addingWorkingDays(n, to: date)) == n)
            #expect(calendar.isWorkingDay(calendar.addingWorkingDays(n, to: date)))
        }
    }

    @Test func calendarDayMode() throws {
        let thursday = try CaseFixtures.date("2026-04-02")
        #expect(calendar.adding(3, .calendar, to: thursday) == (try CaseFixtures.date("2026-04-05")))
        #expect(calendar.days(.calendar, from: thursday, to: try CaseFixtures.date("2026-04-10", 23)) == 8)
        #expect(calendar.adding(3, .working, to: thursday) == (try CaseFixtures.date("2026-04-10")))
        #expect(calendar.days(.working, from: thursday, to: try CaseFixtures.date("2026-04-10", 23)) == 3)
    }

    @Test func sampleHolidayListIsWellFormed() throws {
        #expect(WorkingCalendar.macau2026SampleHolidayDates.count == 26)
        #expect(calendar.holidays.count == 26)
        #expect(calendar.holidays.allSatisfy { $0.year == 2026 })
        #expect(!calendar.isWorkingDay(try LocalDate(iso8601: "2026-12-21")))  // compensatory day
        #expect(calendar.isWorkingDay(try LocalDate(iso8601: "2026-12-23")))
        // 2026 has 261 weekdays; 20 of the listed days fall on a weekday.
        let start = try CaseFixtures.date("2025-12-31")
        #expect(calendar.workingDays(from: start, to: try CaseFixtures.date("2026-12-31")) == 241)
    }

    @Test func invalidInputIsRefused() {
        #expect(throws: CaseError.self) { try LocalDate(iso8601: "2026-02-29") }
        #expect(throws: CaseError.self) { try LocalDate(iso8601: "2026-2-1") }
        #expect(throws: CaseError.self) { try LocalDate(iso8601: "２０２６-01-01") }
        #expect(throws: CaseError.self) { try WorkingCalendar(isoHolidays: ["2026-13-01"]) }
        #expect(throws: CaseError.self) { try WorkingCalendar(workingWeekdays: []) }
        #expect(throws: CaseError.self) { try WorkingCalendar(workingWeekdays: [0, 2]) }
        #expect(throws: CaseError.self) { try WorkingCalendar(utcOffset: 20 * 3600) }
        #expect((try? LocalDate(iso8601: "2024-02-29")) != nil)
    }

    @Test func extremeInputsDoNotTrap() throws {
        let date = try CaseFixtures.date("2026-03-02")
        let far = calendar.addingWorkingDays(Int.max, to: date)
        #expect(calendar.workingDays(from: date, to: far) == WorkingCalendar.maximumDayCount)
        #expect(calendar.addingWorkingDays(Int.min, to: date) < date)
        #expect(calendar.workingDays(from: .distantPast, to: .distantFuture) > 0)
        #expect(calendar.days(.calendar, from: Date(timeIntervalSince1970: -.infinity), to: date) > 0)
        #expect(calendar.localDate(of: Date(timeIntervalSince1970: .nan)).year > 9999)
    }

    @Test func timeLimitParsing() throws {
        #expect(try TimeLimit(iso8601: "P15D", dayKind: .working).days == 15)
        #expect(try TimeLimit(iso8601: "P2W", dayKind: .calendar).days == 14)
        #expect(try TimeLimit(days: 30, dayKind: .calendar).iso8601 == "P30D")
        for bad in ["P0D", "15D", "P", "PD", "P1.5D", "PT15H", "P99999D", "P-1D", "P15d"] {
            #expect(throws: CaseError.self, "\(bad)") { try TimeLimit(iso8601: bad, dayKind: .working) }
        }
        let limit = try TimeLimit(days: 20, dayKind: .working)
        let data = try JSONEncoder().encode(limit)
        #expect(String(decoding: data, as: UTF8.self).contains("P20D"))
        #expect(try JSONDecoder().decode(TimeLimit.self, from: data) == limit)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(TimeLimit.self, from: Data(#"{"duration":"P0D","dayKind":"working"}"#.utf8))
        }
    }

    @Test func calendarCodableRoundTrip() throws {
        let data = try JSONEncoder().encode(calendar)
        #expect(try JSONDecoder().decode(WorkingCalendar.self, from: data) == calendar)
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                WorkingCalendar.self, from: Data(#"{"utcOffset":28800,"workingWeekdays":[],"holidays":[]}"#.utf8))
        }
    }
}
