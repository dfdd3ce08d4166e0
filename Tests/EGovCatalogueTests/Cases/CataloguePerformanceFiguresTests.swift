import EGovCatalogue
import Foundation
import Testing

@Suite struct CataloguePerformanceFiguresTests {
    static let iacm = #"iacm,"north""#

    /// A hand-computed set of cases; the window is March 2026.
    static func cases() throws -> [ApplicationCase] {
        let five = try CaseFixtures.limit(5)
        var result: [ApplicationCase] = [
            // svc.a (dsi), 5 working days. Processing days in comments.
            try CaseFixtures.accepted(
                "a1", channel: .online, fullyOnline: true, limit: five, accepted: "2026-03-02",
                steps: [(.decided(.approved), "2026-03-04")]),  // 2, on time
            try CaseFixtures.accepted(
                "a2", channel: .app, limit: five, accepted: "2026-03-02",
                steps: [(.decided(.approved), "2026-03-09")]),  // 5, on time (due 9 Mar)
            try CaseFixtures.accepted(
                "a3", limit: five, accepted: "2026-03-02", steps: [(.decided(.refused), "2026-03-10")]),  // 6, late
            try CaseFixtures.accepted(
                "a4", channel: .kiosk, limit: five, accepted: "2026-03-02",
                steps: [
                    (.supplementRequested, "2026-03-04"), (.inReview, "2026-03-06"),
                    (.decided(.approved), "2026-03-11"),
                ]),  // 7 − 2 paused = 5, on time (due 11 Mar)
            try CaseFixtures.makeCase(
                "a5", channel: .online, fullyOnline: true, limit: five, submitted: "2026-03-02",
                steps: [(.refusedAtIntake, "2026-03-02")]),
            try CaseFixtures.accepted("a6", channel: .online, fullyOnline: true, limit: five, accepted: "2026-03-16"),
            try CaseFixtures.accepted(
                "a7", limit: five, accepted: "2026-03-02", steps: [(.withdrawn, "2026-03-03")]),
            // Outside the window entirely.
            try CaseFixtures.accepted(
                "a8", limit: five, accepted: "2026-02-02", steps: [(.decided(.approved), "2026-02-05")]),
            // Submitted in the window, decided after it.
            try CaseFixtures.accepted(
                "a9", limit: five, accepted: "2026-03-30", steps: [(.decided(.approved), "2026-04-08")]),
            // svc.c (a department name that needs CSV quoting): submitted online, not yet accepted.
            try CaseFixtures.makeCase(
                "c1", service: "svc.c", department: iacm, channel: .online, limit: five, submitted: "2026-03-05"),
        ]
        // svc.b (dsi), 7 working days: ten cases decided after 1…10 working days.
        let decisionDays = [
            "2026-03-03", "2026-03-04", "2026-03-05", "2026-03-06", "2026-03-09", "2026-03-10", "2026-03-11",
            "2026-03-12", "2026-03-13", "2026-03-16",
        ]
        for (index, day) in decisionDays.enumerated() {
            result.append(
                try CaseFixtures.accepted(
                    "b\(index + 1)", service: "svc.b", limit: CaseFixtures.limit(7), accepted: "2026-03-02",
                    steps: [(.decided(.approved), day)]))
        }
        return result
    }

    static func figures(_ grouping: PerformanceFigures.Grouping) throws -> PerformanceFigures {
        try PerformanceFigures(
            cases: cases(), grouping: grouping, from: CaseFixtures.date("2026-03-01", 0),
            to: CaseFixtures.date("2026-04-01", 0), calendar: CaseFixtures.calendar)
    }

    @Test func perService() throws {
        let figures = try Self.figures(.service)
        #expect(figures.rows.map(\.key) == ["svc.a", "svc.b", "svc.c"])
        let a = figures.rows[0]
        #expect(a.submitted == 8 && a.submittedOnline == 4 && a.submittedFullyOnline == 3)
        #expect(a.refusedAtIntake == 1 && a.withdrawn == 1)
        #expect(a.completed == 4 && a.completedOnTime == 3 && a.completedWithSupplement == 1)
        #expect(a.onTimeRate == 0.75)
        #expect(a.averageProcessingDays == 4.5)  // (2 + 5 + 6 + 5) / 4
        #expect(a.p90ProcessingDays == 6)  // ⌈0.9 × 4⌉ = 4th of [2, 5, 5, 6]
        #expect(a.onlineShare == 0.5 && a.fullyOnlineShare == 0.375 && a.supplementRate == 0.25)
        let b = figures.rows[1]
        #expect(b.submitted == 10 && b.completed == 10 && b.completedOnTime == 7)
        #expect(b.onTimeRate == 0.7 && b.averageProcessingDays == 5.5)
        #expect(b.p90ProcessingDays == 9)  // nearest rank: 9th of 1…10 (not the interpolated 9.1)
        #expect(b.onlineShare == 0 && b.fullyOnlineShare == 0 && b.supplementRate == 0)
        let c = figures.rows[2]
        #expect(c.submitted == 1 && c.completed == 0)
        #expect(c.onTimeRate == nil && c.averageProcessingDays == nil && c.p90ProcessingDays == nil)
        #expect(c.supplementRate == nil && c.onlineShare == 1)
    }

    @Test func perDepartment() throws {
        let figures = try Self.figures(.department)
        #expect(figures.rows.map(\.key) == ["dsi", Self.iacm])
        let dsi = figures.rows[0]
        #expect(dsi.submitted == 18 && dsi.completed == 14 && dsi.completedOnTime == 10)
        #expect(dsi.onTimeRate == 10.0 / 14.0)
        #expect(dsi.averageProcessingDays == 73.0 / 14.0)
        #expect(dsi.p90ProcessingDays == 9)  // 13th of [1,2,2,3,4,5,5,5,6,6,7,8,9,10]
        #expect(dsi.onlineShare == 4.0 / 18.0 && dsi.fullyOnlineShare == 3.0 / 18.0)
        #expect(dsi.supplementRate == 1.0 / 14.0)
    }

    @Test func csvExport() throws {
        let csv = try Self.figures(.service).csv()
        let lines = csv.components(separatedBy: "\r\n")
        #expect(lines.count == 5 && lines[4].isEmpty)
        #expect(lines[0].hasPrefix("grouping,key,submitted,submittedOnline,"))
        #expect(lines[0].split(separator: ",").count == PerformanceFigures.csvHeader.count)
        #expect(lines[1] == "service,svc.a,8,4,3,1,1,4,3,1,0.75,4.5,6,0.5,0.375,0.25")
        #expect(lines[2] == "service,svc.b,10,0,0,0,0,10,7,0,0.7,5.5,9,0.0,0.0,0.0")
        #expect(lines[3] == "service,svc.c,1,1,0,0,0,0,0,0,,,,1.0,0.0,")
        let departments = try Self.figures(.department).csv()
        #expect(departments.contains("\r\ndepartment,\"iacm,\"\"north\"\"\",1,1,0,0,0,0,0,0,,,,1.0,0.0,\r\n"))
    }

    @Test func csvFieldQuoting() {
        #expect(PerformanceFigures.csvField("plain") == "plain")
        #expect(PerformanceFigures.csvField("") == "")
        #expect(PerformanceFigures.csvField("a,b") == "\"a,b\"")
        #expect(PerformanceFigures.csvField("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(PerformanceFigures.csvField("two\nlines") == "\"two\nlines\"")
        #expect(PerformanceFigures.csvField("cr\rhere") == "\"cr\rhere\"")
        #expect(PerformanceFigures.csvField("澳門") == "澳門")
    }

    @Test("keys that a spreadsheet would run as formulas are neutralised; numbers are not")
    func csvFormulaInjection() throws {
        for hostile in ["=HYPERLINK(\"http://x\")", "+1+1", "-2", "@SUM(A1)", "\tx", "\rx"] {
            let guarded = PerformanceFigures.csvTextField(hostile)
            #expect(guarded == "'" + hostile)
        }
        #expect(PerformanceFigures.csvTextField("svc.a") == "svc.a")
        #expect(PerformanceFigures.csvTextField("") == "")
        let applicationCase = try ApplicationCase(
            id: "c1", serviceID: "=cmd|' /C calc'!A0", departmentID: "d", channel: .online, isFullyOnline: true,
            timeLimit: TimeLimit(days: 5, dayKind: .working), submittedAt: CaseFixtures.date("2026-03-02", 0))
        let csv = try PerformanceFigures(
            cases: [applicationCase], grouping: .service, from: CaseFixtures.date("2026-03-01", 0),
            to: CaseFixtures.date("2026-04-01", 0), calendar: CaseFixtures.calendar
        ).csv()
        #expect(csv.contains("\r\nservice,'=cmd|' /C calc'!A0,1,"), "\(csv)")
    }

    @Test func jsonRoundTrip() throws {
        let figures = try Self.figures(.service)
        let data = try figures.json()
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        #expect(try decoder.decode(PerformanceFigures.self, from: data) == figures)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\"p90ProcessingDays\" : 6"))
        #expect(text.contains("\"from\" : \"2026-02-28T16:00:00Z\""))
    }
}
