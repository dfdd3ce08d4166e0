import EGovKit
import EGovTesting
import Foundation

/// The catalogue part of `egov demo`: find the food and beverage licence in three languages, list
/// what it requires and which proofs are fetched from other departments (once-only), track an
/// application against its deadline across a supplement request, and print performance figures.
enum CatalogDemo {
    static var steps: [DemoStep] { [lookup, caseTracking] }

    static let lookup = DemoStep(title: "Catalogue: find the food and beverage licence; what it needs, what is fetched")
    {
        let catalogue = try Catalogue.sample()
        let index = CatalogueIndex(catalogue: catalogue)
        let queries = ["飲食牌照", "饮食牌照", "licença de estabelecimento de comidas"]
        for query in queries {
            guard index.search(query, limit: 1).first?.service.id.rawValue == "iam.food-beverage-licence" else {
                throw DemoStep.Unexpected(detail: "\(query) did not find the licence first")
            }
        }
        guard let licence = catalogue.service(try ServiceID("iam.food-beverage-licence")) else {
            throw DemoStep.Unexpected(detail: "licence missing from the sample catalogue")
        }
        let evidence = licence.requirements.flatMap(\.evidenceTypes)
        let fetched = evidence.compactMap { type in
            type.obtainableFrom.map { "\(type.name[.en] ?? type.id.rawValue) ← \($0.rawValue)" }
        }
        let uploaded = evidence.filter { !$0.isOnceOnly }.count
        return
            "\(queries.count) queries (zh-Hant, zh-Hans, pt) find it first; \(licence.requirements.count) requirements; "
            + "fetched from other departments: \(fetched.joined(separator: "; ")); \(uploaded) to upload; "
            + "\(catalogue.services.count) services, \(catalogue.organisations.count) departments, validator: "
            + "\(CatalogueValidator().validate(catalogue).isEmpty ? "clean" : "issues")"
    }

    static let caseTracking = DemoStep(
        title: "Catalogue: an application tracked against its deadline; performance figures"
    ) {
        let catalogue = try Catalogue.sample()
        guard let licence = catalogue.service(try ServiceID("iam.food-beverage-licence")),
            let limit = try licence.timeLimit?.caseTimeLimit()
        else { throw DemoStep.Unexpected(detail: "licence time limit missing") }
        let calendar = WorkingCalendar.macau2026Sample
        let start = try LocalDate(iso8601: "2026-03-02")
        let clock = ManualClock(calendar.startOfDay(start).addingTimeInterval(10 * 3600))
        var cases: [ApplicationCase] = []
        for (number, supplement) in [(1, true), (2, false), (3, false)] {
            var application = try ApplicationCase(
                id: "IAM-2026-\(number)", serviceID: licence.id.rawValue, departmentID: "IAM", channel: .online,
                isFullyOnline: true, timeLimit: limit, clock: clock)
            try application.transition(to: .acceptedAtIntake, clock: clock)
            try application.transition(to: .inReview, clock: clock)
            cases.append(application)
        }
        // 補正: the first application needs a supplement; the clock pauses for 5 calendar days.
        clock.advance(by: 7 * 86_400)
        try cases[0].transition(to: .supplementRequested, clock: clock)
        clock.advance(by: 5 * 86_400)
        try cases[0].transition(to: .inReview, clock: clock)
        guard let deadline = CaseDeadline(for: cases[0], calendar: calendar) else {
            throw DemoStep.Unexpected(detail: "no deadline")
        }
        clock.advance(by: 20 * 86_400)
        for index in cases.indices { try cases[index].transition(to: .decided(.approved), clock: clock) }
        let figures = PerformanceFigures(
            cases: cases, grouping: .service, from: clock.now() - 90 * 86_400, to: clock.now() + 86_400,
            calendar: calendar)
        guard let row = figures.rows.first else { throw DemoStep.Unexpected(detail: "no figures") }
        let onTime = row.onTimeRate.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a"
        let supplement = row.supplementRate.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a"
        return "\(limit.days) working days from acceptance; after a 5-day 補正 pause the first case is due "
            + "\(deadline.dueDate(at: clock.now()).iso8601); on time \(onTime), supplement rate \(supplement), "
            + "fully online \(row.fullyOnlineShare.map { String(format: "%.0f%%", $0 * 100) } ?? "n/a")"
    }
}
