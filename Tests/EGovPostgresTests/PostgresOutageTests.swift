import EGovCore
import EGovCrypto
import EGovInterop
import EGovNotifications
import EGovTesting
import Foundation
import PostgresNIO
import Testing

@testable import EGovPostgres

/// Failures are reported, never answered as "nothing"; notices written by schema version 2 (JSON
/// text) are read after the migration to the shared stored form.
@Suite(.enabled(if: PostgresTestServer.enabled, "needs EGOV_POSTGRES_URL (set by .ci/run)"))
struct PostgresOutageTests {
    @Test func readsThrowWhenThePoolIsStopped() async throws {
        guard let url = PostgresTestServer.url else { throw PostgresTestServer.Missing() }
        let schema = "egov_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let database = try PostgresStoreDatabase(url: url, schema: schema)
        let runner = Task { await database.run() }
        try await database.migrate()
        let notifications = PostgresNotificationStore(database: database)
        let notice = try NotificationStoreConformance.notice("N-1", key: "k")
        _ = try await notifications.enqueue(notice, at: TestPKI.referenceDate)
        let clock = ManualClock()
        let audit = PostgresAuditLog(database: database, hashFunction: HashAlgorithm.sha256, clock: clock)
        let replay = PostgresReplayCache(database: database, clock: clock)
        let consent = PostgresConsentStore(database: database)
        let cases = PostgresCaseStore(database: database)

        runner.cancel()
        await runner.value

        try await NotificationStoreOutageConformance.run(store: notifications, noticeID: notice.id)
        await #expect(throws: StoreError.self) { try await audit.entries(from: 0, limit: 10) }
        await #expect(throws: StoreError.self) { try await audit.verify() }
        await #expect(throws: StoreError.self) { try await consent.grant(id: "g") }
        await #expect(throws: StoreError.self) { try await cases.openCases(departmentID: nil) }
        await #expect(throws: StoreError.self) {
            try await replay.admit(messageID: "m", sender: "s", issuedAt: clock.now())
        }
        try await PostgresTestServer.drop(schema, url: url)
    }

    @Test func version2NoticesAreReadAfterMigration() async throws {
        guard let url = PostgresTestServer.url else { throw PostgresTestServer.Missing() }
        let schema = "egov_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let database = try PostgresStoreDatabase(url: url, schema: schema)
        let runner = Task { await database.run() }
        defer { runner.cancel() }
        // The schema as version 2 left it, with a notice stored as JSON text.
        try await database.client.query(PostgresQuery(unsafeSQL: "CREATE SCHEMA \(schema)"))
        try await database.client.query(
            "CREATE TABLE egov_schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        for (index, statements) in PostgresSchema.migrations.prefix(2).enumerated() {
            for statement in statements { try await database.client.query(PostgresQuery(unsafeSQL: statement)) }
            try await database.client.query("INSERT INTO egov_schema_version (version) VALUES (\(index + 1))")
        }
        let legacy = try NotificationStoreConformance.notice("N-legacy", key: "legacy")
        let json = String(decoding: try JSONEncoder().encode(legacy), as: UTF8.self)
        let delivery = String(
            decoding: try JSONEncoder().encode(try Delivery.enqueued(legacy, at: TestPKI.referenceDate)), as: UTF8.self)
        try await database.client.query(
            "INSERT INTO egov_notices (id, idempotency_key, body) VALUES ('N-legacy', 'legacy', \(json))")
        try await database.client.query(
            """
            INSERT INTO egov_deliveries (notice_id, state, due_at, version, body)
            VALUES ('N-legacy', 'queued', \(TestPKI.referenceDate.timeIntervalSinceReferenceDate), 0, \(delivery))
            """)

        try await database.migrate()

        #expect(try await database.schemaVersion() == PostgresStoreVersion.current)
        let store = PostgresNotificationStore(database: database)
        #expect(try await store.notice(legacy.id) == legacy)
        let again = try await store.enqueue(legacy, at: TestPKI.referenceDate)
        #expect(again.notice == legacy && !again.created)
        #expect(try await store.claimDue(now: TestPKI.referenceDate, limit: 10).map(\.noticeID) == [legacy.id])
        let fresh = try NotificationStoreConformance.notice("N-new", key: "new")
        _ = try await store.enqueue(fresh, at: TestPKI.referenceDate)
        #expect(try await store.notice(fresh.id) == fresh)
        // Stored exactly as SQLite stores it: the shared codec's bytes.
        var bodies: [Data] = []
        for try await body in try await database.client.query("SELECT body FROM egov_notices WHERE id = 'N-new'")
            .decode(Data.self)
        {
            bodies.append(body)
        }
        #expect(bodies == [try StoredNoticeCodec.encode(fresh)])
        try await PostgresTestServer.drop(schema, url: url)
    }
}
