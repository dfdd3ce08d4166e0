import EGovCore
import EGovIdentity
import EGovTesting
import Foundation
import Testing

@testable import EGovCatalogue

/// The catalogue and the case tracking together: a service's promised time limit drives a case.
@Suite struct CatalogueIntegrationTests {
    @Test func foodLicenceTimeLimitDrivesACaseDeadline() throws {
        let catalogue = try Catalogue.sample()
        let licence = try #require(catalogue.service(try ServiceID("iam.food-beverage-licence")))
        let limit = try #require(licence.timeLimit).caseTimeLimit()
        #expect(limit.dayKind == .working)
        let clock = ManualClock(try #require(ISO8601DateFormatter().date(from: "2026-03-02T02:00:00Z")))  // Monday 10:00 Macau
        var application = try ApplicationCase(
            id: "case-1", serviceID: licence.id.rawValue, departmentID: "IAM", channel: .online, isFullyOnline: true,
            timeLimit: limit, clock: clock)
        try application.transition(to: .acceptedAtIntake, clock: clock)
        let deadline = try #require(CaseDeadline(for: application, calendar: WorkingCalendar.macau2026Sample))
        #expect(!deadline.isOverdue(at: clock.now()))
        #expect(deadline.remaining(at: clock.now()) == limit.days)
        clock.advance(by: 200 * 86_400)
        #expect(deadline.isOverdue(at: clock.now()))
    }

    /// Day and week durations drive case deadlines; a sub-day promise (the sample's same-day
    /// vaccination record, `PT1H`) is valid in the catalogue but has no working-day deadline, and
    /// converting it is refused with a typed error rather than rounded.
    @Test func sampleTimeLimitsConvertWhenTheyCountDays() throws {
        var converted = 0
        for service in try Catalogue.sample().services {
            guard let limit = service.timeLimit else { continue }
            if limit.duration.hasPrefix("PT") {
                #expect(throws: CaseError.self) { try limit.caseTimeLimit() }
            } else {
                _ = try limit.caseTimeLimit()
                converted += 1
            }
        }
        #expect(converted >= 30)
    }
}
