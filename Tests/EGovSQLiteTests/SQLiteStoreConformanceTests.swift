import EGovCore
import EGovCrypto
import EGovSQLite
import EGovTesting
import Foundation
import Testing

/// The conformance suites against the SQLite stores: in memory, and in a WAL file (a pool of
/// connections, as in production).
@Suite struct SQLiteStoreConformanceTests {
    @Test(arguments: [false, true]) func notificationStore(onDisk: Bool) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try await NotificationStoreConformance.run(leaseDuration: 120) {
            SQLiteNotificationStore(database: try scratch.database(onDisk: onDisk), leaseDuration: 120)
        }
    }

    @Test(arguments: [false, true]) func auditLog(onDisk: Bool) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try await AuditLogConformance.run(hashFunction: HashAlgorithm.sha256) { clock in
            SQLiteAuditLog(
                database: try scratch.database(onDisk: onDisk), hashFunction: HashAlgorithm.sha256, clock: clock)
        }
    }

    @Test(arguments: [false, true]) func consentStore(onDisk: Bool) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try await ConsentStoreConformance.run { SQLiteConsentStore(database: try scratch.database(onDisk: onDisk)) }
    }

    @Test func mandateStore() async throws {
        try await MandateStoreConformance.run { SQLiteMandateStore(database: try SQLiteDatabase()) }
    }

    @Test func statusListStore() async throws {
        try await StatusListStoreConformance.run { SQLiteStatusListStore(database: try SQLiteDatabase()) }
    }

    @Test func caseStore() async throws {
        try await CaseStoreConformance.run { SQLiteCaseStore(database: try SQLiteDatabase()) }
    }
}

/// A temporary directory for database files.
struct Scratch: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("egov-sqlite-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// A fresh database: in memory, or in a new file of this directory.
    func database(onDisk: Bool) throws -> SQLiteDatabase {
        onDisk ? try SQLiteDatabase(path: path("db-\(UUID().uuidString).sqlite")) : try SQLiteDatabase()
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
