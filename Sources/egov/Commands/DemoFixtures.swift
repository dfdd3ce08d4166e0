import EGovKit
import EGovTesting
import Foundation

/// Parts shared by the journey and the module tour of `egov demo`.
enum DemoFixtures {
    /// The notification fixtures of the demo: the licence decision template, an app inbox that
    /// records what it got, and a seven-day deemed-service rule (Macau) on delivery, with evidence
    /// signed by `key` into `store`.
    static func notifications(
        store: any NotificationStore, clock: any WallClock, key: any SigningKey, licenceNumber: String
    ) throws -> TestNotifications {
        try TestNotifications(
            clock: clock, evidenceKey: key, evidenceIssuer: "https://iam.gov.mo", store: store,
            configuration: DispatcherConfiguration(
                deemedServiceRule: DeemedServiceRule(jurisdiction: "MO", days: 7, anchor: .delivered)),
            personalisation: { _ in ["licence_number": .string(licenceNumber)] })
    }

    /// The last segment of each evidence record's ETSI event type URI.
    static func eventNames(_ records: [EvidenceRecord]) -> [String] {
        records.map { $0.body.eventType.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? "?" }
    }
}
