import EGovCore
import EGovNotifications
import EGovTesting
import Foundation
import GRDB
import Testing

@testable import EGovSQLite

@Suite struct SQLiteDatabaseTests {
    @Test func fileIsInWALModeWithFullSync() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let database = try SQLiteDatabase(path: scratch.path("db.sqlite"))
        let (mode, synchronous) = try await database.writer.read { db in
            (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Int.fetchOne(db, sql: "PRAGMA synchronous"))
        }
        #expect(mode == "wal")
        #expect(synchronous == 2)  // FULL
        #expect(try await database.schemaVersion() == SQLiteStoreVersion.current)
        let normal = try SQLiteDatabase(path: scratch.path("normal.sqlite"), durability: .normal)
        #expect(try await normal.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") } == 1)
    }

    @Test func notificationsSurviveReopening() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("db.sqlite")
        let notice = try NotificationStoreConformance.notice("N-1", key: "k")
        do {
            let store = SQLiteNotificationStore(database: try SQLiteDatabase(path: path))
            _ = try await store.enqueue(notice, at: TestPKI.referenceDate)
        }
        let store = SQLiteNotificationStore(database: try SQLiteDatabase(path: path))
        #expect(try await store.notice(notice.id) == notice)
        #expect(try await store.enqueue(notice, at: TestPKI.referenceDate).created == false)
        #expect(try await store.claimDue(now: TestPKI.referenceDate, limit: 10).count == 1)
    }

    @Test func newerSchemaIsRefused() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("db.sqlite")
        let database = try SQLiteDatabase(path: path)
        try await database.writer.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v999-from-the-future')")
        }
        let refusal = StoreError.unsupportedSchemaVersion(
            found: SQLiteStoreVersion.current + 1, supported: SQLiteStoreVersion.current)
        #expect(throws: refusal) {
            _ = try SQLiteDatabase(path: path)
        }
    }

    @Test func undecodableDeliveryIsSkippedNotTrapped() async throws {
        let database = try SQLiteDatabase()
        let store = SQLiteNotificationStore(database: database)
        _ = try await store.enqueue(try NotificationStoreConformance.notice("N-1", key: "a"), at: TestPKI.referenceDate)
        _ = try await store.enqueue(try NotificationStoreConformance.notice("N-2", key: "b"), at: TestPKI.referenceDate)
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE egov_deliveries SET body = X'00FF' WHERE notice_id = 'N-1'")
        }
        let claimed = try await store.claimDue(now: TestPKI.referenceDate, limit: 10)
        #expect(claimed.map(\.noticeID.rawValue) == ["N-2"])
        // A single-record read reports the damaged row (it is not taken for a missing one).
        await #expect(throws: StoreError.corruptRecord(table: "egov_deliveries")) {
            try await store.delivery(NoticeID("N-1"))
        }
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE egov_notices SET body = 'garbage' WHERE id = 'N-2'")
        }
        await #expect(throws: StoreError.corruptRecord(table: "egov_notices")) {
            try await store.notice(NoticeID("N-2"))
        }
    }

    /// A database file of 300 committed notices, damaged: reading the queue fails, and that
    /// failure is reported as a damaged database, not taken for an empty queue.
    @Test func truncatedDatabaseReadsThrow() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("db.sqlite")
        do {
            let store = SQLiteNotificationStore(database: try SQLiteDatabase(path: path))
            let notices = try (0..<300).map { try NotificationStoreConformance.notice("N-\($0)", key: "k-\($0)") }
            _ = try await store.enqueue(contentsOf: notices, at: TestPKI.referenceDate)
        }
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size > 64 << 10, "the notices are in the main file, not only in the WAL")
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        // The second half overwritten with garbage: the schema pages are intact, the notices not.
        let overwritten = scratch.path("overwritten.sqlite")
        var damaged = original
        for index in (size / 2)..<size { damaged[index] = UInt8(truncatingIfNeeded: index &* 131 &+ 7) }
        try damaged.write(to: URL(fileURLWithPath: overwritten))
        let store = SQLiteNotificationStore(database: try SQLiteDatabase(path: overwritten))
        let claim = await #expect(throws: StoreError.self) {
            try await store.claimDue(now: TestPKI.referenceDate, limit: 500)
        }
        #expect(claim?.code == "core.store.corrupt_database")
        await #expect(throws: StoreError.self) { try await store.deliveries(in: [.queued]) }
        // Cut in half: refused when opened, or at the latest when read.
        let truncated = scratch.path("truncated.sqlite")
        try original.prefix(size / 2).write(to: URL(fileURLWithPath: truncated))
        let error = await #expect(throws: StoreError.self) {
            _ = try await SQLiteNotificationStore(database: try SQLiteDatabase(path: truncated))
                .claimDue(now: TestPKI.referenceDate, limit: 500)
        }
        #expect(error?.code == "core.store.corrupt_database")
    }

    @Test func freshDeliveryIsRebuiltExactly() async throws {
        let store = SQLiteNotificationStore(database: try SQLiteDatabase())
        let reference = InMemoryNotificationStore()
        let time = TestPKI.referenceDate.addingTimeInterval(1234.567_891_234)
        let notice = try NotificationStoreConformance.notice("N-odd", key: "odd")
        _ = try await store.enqueue(notice, at: time)
        _ = try await reference.enqueue(notice, at: time)
        let expected = await reference.delivery(notice.id)
        #expect(try await store.delivery(notice.id) == expected)
        #expect(try await store.deliveries(in: [.queued]) == [expected].compactMap { $0 })
        #expect(try await store.nextDueDate() == expected?.nextAttemptAt)
    }

    @Test func backupIsAConsistentCopy() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let database = try SQLiteDatabase(path: scratch.path("db.sqlite"))
        let store = SQLiteNotificationStore(database: database)
        _ = try await store.enqueue(try NotificationStoreConformance.notice("N-1", key: "a"), at: TestPKI.referenceDate)
        try await database.backup(to: scratch.path("copy.sqlite"))
        let copy = SQLiteNotificationStore(database: try SQLiteDatabase(path: scratch.path("copy.sqlite")))
        #expect(try await copy.notice(NoticeID("N-1")) != nil)
    }
}
