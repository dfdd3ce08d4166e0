import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import PostgresNIO
import Testing

@testable import EGovPostgres

/// The conformance suites, audit tamper detection and migrations against PostgreSQL.
@Suite(.enabled(if: PostgresTestServer.enabled, "needs EGOV_POSTGRES_URL (set by .ci/run)"))
struct PostgresStoreTests {
    @Test func notificationStoreConformance() async throws {
        try await PostgresTestServer.withDatabase { database in
            try await NotificationStoreConformance.run(leaseDuration: 120) {
                try await PostgresTestServer.truncate(database)
                return PostgresNotificationStore(database: database, leaseDuration: 120)
            }
        }
    }

    @Test func auditLogConformance() async throws {
        try await PostgresTestServer.withDatabase { database in
            try await AuditLogConformance.run(hashFunction: HashAlgorithm.sha256) { clock in
                try await PostgresTestServer.truncate(database)
                return PostgresAuditLog(database: database, hashFunction: HashAlgorithm.sha256, clock: clock)
            }
        }
    }

    @Test func otherStoresConformance() async throws {
        try await PostgresTestServer.withDatabase { database in
            try await ConsentStoreConformance.run {
                try await PostgresTestServer.truncate(database)
                return PostgresConsentStore(database: database)
            }
            try await MandateStoreConformance.run {
                try await PostgresTestServer.truncate(database)
                return PostgresMandateStore(database: database)
            }
            try await StatusListStoreConformance.run {
                try await PostgresTestServer.truncate(database)
                return PostgresStatusListStore(database: database)
            }
            try await CaseStoreConformance.run {
                try await PostgresTestServer.truncate(database)
                return PostgresCaseStore(database: database)
            }
        }
    }

    @Test func replayCacheConformance() async throws {
        try await PostgresTestServer.withDatabase { database in
            try await ReplayCacheConformance.run { window, clock, capacity in
                try await PostgresTestServer.truncate(database)
                return PostgresReplayCache(database: database, window: window, clock: clock, capacity: capacity)
            }
        }
    }

    /// Two connection pools on one schema (as two processes would): one ID admitted concurrently
    /// through both is accepted once; expired rows are purged.
    @Test func replayCacheIsSharedBetweenPools() async throws {
        try await PostgresTestServer.withDatabase { database in
            guard let url = PostgresTestServer.url, let schema = database.schema else { return }
            let other = try PostgresStoreDatabase(url: url, schema: schema)
            let runner = Task { await other.run() }
            defer { runner.cancel() }
            let clock = ManualClock()
            let window = ReplayWindow(maximumAge: 60, clockSkew: 10)
            let caches = [
                PostgresReplayCache(database: database, window: window, clock: clock),
                PostgresReplayCache(database: other, window: window, clock: clock),
            ]
            let now = clock.now()
            let verdicts = try await withThrowingTaskGroup(of: ReplayVerdict.self) { group in
                for index in 0..<40 {
                    let cache = caches[index % 2]
                    group.addTask { try await cache.admit(messageID: "m", sender: "S", issuedAt: now) }
                }
                return try await group.reduce(into: [ReplayVerdict]()) { $0.append($1) }
            }
            #expect(verdicts.filter { $0 == .accepted }.count == 1)
            #expect(verdicts.filter { $0 == .replayed }.count == 39)
            clock.advance(by: 71)
            let fresh = PostgresReplayCache(database: database, window: window, clock: clock)
            #expect(try await fresh.admit(messageID: "n", sender: "S", issuedAt: clock.now()) == .accepted)
            #expect(try await fresh.count() == 1)
        }
    }

    @Test(arguments: [
        "UPDATE egov_audit_log SET subject = 'case-x' WHERE sequence = 2",
        "UPDATE egov_audit_log SET details = '{\"step\":\"9\"}' WHERE sequence = 2",
        "UPDATE egov_audit_log SET time_ms = time_ms + 1 WHERE sequence = 2",
        "UPDATE egov_audit_log SET details = 'not json' WHERE sequence = 2",
    ])
    func editedAuditRowIsDetected(statement: String) async throws {
        try await PostgresTestServer.withDatabase { database in
            let clock = ManualClock()
            let log = PostgresAuditLog(database: database, hashFunction: HashAlgorithm.sha256, clock: clock)
            for index in 0..<5 {
                _ = try await log.append(
                    AuditEvent(
                        actor: "svc", action: "case.updated", subject: "case-\(index)", details: ["step": "\(index)"]))
                clock.advance(by: 1)
            }
            #expect(try await log.verify().isValid)
            try await database.client.query(PostgresQuery(unsafeSQL: statement))
            let verification = try await log.verify()
            #expect(!verification.isValid)
            #expect(verification.firstInvalidIndex == 2)
        }
    }

    @Test func migrationIsRecordedAndNewerSchemaRefused() async throws {
        try await PostgresTestServer.withDatabase { database in
            #expect(try await database.schemaVersion() == PostgresStoreVersion.current)
            try await database.migrate()  // idempotent
            #expect(try await database.schemaVersion() == PostgresStoreVersion.current)
            try await database.client.query("INSERT INTO egov_schema_version (version) VALUES (999)")
            await #expect(
                throws: StoreError.unsupportedSchemaVersion(found: 999, supported: PostgresStoreVersion.current)
            ) {
                try await database.migrate()
            }
        }
    }
}

/// URL parsing needs no server.
@Suite struct PostgresURLTests {
    @Test func urlIsParsed() throws {
        #expect(throws: StoreError.self) { _ = try PostgresStoreDatabase(url: "mysql://x@y/z") }
        #expect(throws: StoreError.self) { _ = try PostgresStoreDatabase(url: "postgres://u@h/db?schema=Bad-Name") }
        #expect(try PostgresStoreDatabase(url: "postgres://u@h:5433/db?schema=egov").schema == "egov")
    }
}
