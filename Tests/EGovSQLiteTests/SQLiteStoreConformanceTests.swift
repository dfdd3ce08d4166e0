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

    @Test(arguments: [false, true]) func replayCache(onDisk: Bool) async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try await ReplayCacheConformance.run { window, clock, capacity in
            SQLiteReplayCache(
                database: try scratch.database(onDisk: onDisk), window: window, clock: clock, capacity: capacity)
        }
    }

    /// Two databases opened on one file (as two processes would): one ID admitted concurrently
    /// through both is accepted once.
    @Test func replayCacheIsSharedThroughTheFile() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("replay.sqlite")
        let clock = ManualClock()
        let caches = [
            SQLiteReplayCache(database: try SQLiteDatabase(path: path), clock: clock),
            SQLiteReplayCache(database: try SQLiteDatabase(path: path), clock: clock),
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
        // Restarting keeps the ID.
        let reopened = SQLiteReplayCache(database: try SQLiteDatabase(path: path), clock: clock)
        #expect(try await reopened.admit(messageID: "m", sender: "S", issuedAt: now) == .replayed)
    }

    /// Expired rows are purged (at most once per purge interval), live ones kept.
    @Test func expiredRowsArePurged() async throws {
        let clock = ManualClock()
        let cache = SQLiteReplayCache(
            database: try SQLiteDatabase(), window: ReplayWindow(maximumAge: 60, clockSkew: 10), clock: clock,
            purgeInterval: 30)
        let start = clock.now()
        for index in 0..<5 {
            #expect(try await cache.admit(messageID: "old-\(index)", sender: "S", issuedAt: start) == .accepted)
        }
        clock.advance(by: 71)
        #expect(try await cache.admit(messageID: "new", sender: "S", issuedAt: clock.now()) == .accepted)
        #expect(try await cache.count() == 1)
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
