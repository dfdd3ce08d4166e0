import EGovCatalogue
import EGovCertificates
import EGovCore
import EGovCrypto
import EGovIdentity
import EGovInterop
import EGovNotifications
import EGovTesting
import Testing

/// The conformance suites against the in-memory stores (the reference implementations).
@Suite struct InMemoryStoreConformanceTests {
    @Test func notificationStore() async throws {
        try await NotificationStoreConformance.run(leaseDuration: 300) { InMemoryNotificationStore(leaseDuration: 300) }
    }

    @Test func auditLog() async throws {
        try await AuditLogConformance.run(hashFunction: HashAlgorithm.sha256) { clock in
            InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock)
        }
    }

    @Test func consentStore() async throws {
        try await ConsentStoreConformance.run { InMemoryConsentStore() }
    }

    @Test func mandateStore() async throws {
        try await MandateStoreConformance.run { InMemoryMandateStore() }
    }

    @Test func statusListStore() async throws {
        try await StatusListStoreConformance.run { InMemoryStatusListStore() }
    }

    @Test func caseStore() async throws {
        try await CaseStoreConformance.run { InMemoryCaseStore() }
    }

    @Test func replayCache() async throws {
        try await ReplayCacheConformance.run { window, clock, capacity in
            InMemoryReplayCache(window: window, clock: clock, capacity: capacity ?? 100_000)
        }
    }

    @Test func failureDescribesSuiteAndCheck() {
        let failure = StoreConformanceFailure(suite: "X", check: "y", detail: "z")
        #expect(failure.description == "X conformance: y — z")
    }
}

/// The outage suite catches a store that answers a failed read as "nothing".
@Suite struct NotificationStoreOutageConformanceTests {
    @Test func aStoreThatAnswersIsReported() async throws {
        let store = InMemoryNotificationStore()  // never fails, so it answers every read
        let notice = try NotificationStoreConformance.notice("N-1", key: "k")
        _ = try await store.enqueue(notice, at: TestPKI.referenceDate)
        await #expect(throws: StoreConformanceFailure.self) {
            try await NotificationStoreOutageConformance.run(store: store, noticeID: notice.id)
        }
    }
}
