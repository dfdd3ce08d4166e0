import EGovCore
import Foundation
import PostgresNIO
import Testing

@testable import EGovPostgres

/// The PostgreSQL server of the tests: `EGOV_POSTGRES_URL` (`.ci/run` starts a throw-away cluster
/// and sets it). Without it the tests are skipped locally, and fail in CI (`CI=true`).
enum PostgresTestServer {
    static var url: String? {
        guard let value = ProcessInfo.processInfo.environment["EGOV_POSTGRES_URL"], !value.isEmpty else { return nil }
        return value
    }

    static var isCI: Bool { ProcessInfo.processInfo.environment["CI"] == "true" }

    /// Whether the PostgreSQL tests run: a server is configured, or CI requires one.
    static var enabled: Bool { url != nil || isCI }

    struct Missing: Error, CustomStringConvertible {
        var description: String { "CI=true but EGOV_POSTGRES_URL is not set: the PostgreSQL tests must run in CI" }
    }

    /// Runs `body` with a migrated database in a fresh schema, dropped afterwards.
    static func withDatabase<T: Sendable>(_ body: (PostgresStoreDatabase) async throws -> T) async throws -> T {
        guard let url else { throw Missing() }
        let schema = "egov_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        let database = try PostgresStoreDatabase(url: url, schema: schema)
        let runner = Task { await database.run() }
        defer { runner.cancel() }
        try await database.migrate()
        do {
            let result = try await body(database)
            try await drop(schema, url: url)
            return result
        } catch {
            try? await drop(schema, url: url)
            throw error
        }
    }

    static func drop(_ schema: String, url: String) async throws {
        let admin = try PostgresStoreDatabase(url: url)
        let runner = Task { await admin.run() }
        defer { runner.cancel() }
        try await admin.client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
    }

    /// Empties every EGovKit table (for a conformance factory: each check starts empty).
    static func truncate(_ database: PostgresStoreDatabase) async throws {
        try await database.client.query(
            """
            TRUNCATE egov_evidence, egov_deliveries, egov_notices, egov_audit_log, egov_consent_grants,
                egov_organisation_accounts, egov_mandates, egov_status_lists, egov_cases, egov_replay_cache
            """)
    }
}
