import EGovCore
import Foundation
import GRDB

/// A `ReplayCache` in an ``SQLiteDatabase`` (table `egov_replay_cache`): message IDs survive a
/// restart, and processes sharing the database file share the cache.
///
/// Each ``admit(messageID:sender:issuedAt:)`` is one `BEGIN IMMEDIATE` transaction around one
/// `INSERT … ON CONFLICT (sender, message_id) DO UPDATE … WHERE expires_at < now`: a new ID, or one
/// whose row has expired, is (re)recorded and accepted; a live one changes nothing and is
/// `ReplayVerdict/replayed`. The primary key `(sender, message_id)` and SQLite's single writer
/// make the check-and-record atomic across threads and processes.
///
/// Expired rows are deleted at most once per ``purgeInterval`` (and whenever the cache is full).
/// With a ``capacity``, a full cache of live IDs refuses new ones with
/// `ReplayVerdict/capacityExceeded` rather than forgetting them.
public final class SQLiteReplayCache: ReplayCache {
    /// The time window.
    public let window: ReplayWindow
    /// The most rows held, or `nil` for no limit but the disk (the default).
    public let capacity: Int?
    /// The least time between two purges of expired rows, in seconds.
    public var purgeInterval: TimeInterval { admission.schedule.interval }
    private let database: SQLiteDatabase
    private let clock: any WallClock
    private let admission: ReplayAdmission

    /// Creates a cache in `database`.
    ///
    /// - Parameters:
    ///   - database: the database holding the cache.
    ///   - window: how old or early a message may be.
    ///   - clock: the time source.
    ///   - capacity: the most rows held (`nil`: unbounded). Checking it costs a `COUNT(*)` per admission.
    ///   - purgeInterval: the least time between two purges of expired rows (default 60 s).
    public init(
        database: SQLiteDatabase, window: ReplayWindow = ReplayWindow(), clock: any WallClock,
        capacity: Int? = nil, purgeInterval: TimeInterval = 60
    ) {
        self.database = database
        self.window = window
        self.clock = clock
        self.admission = .durable(window: window, capacity: capacity, purgeInterval: purgeInterval)
        self.capacity = admission.capacity
    }

    /// Checks the time window, then records `sender` + `messageID` unless a live row holds them
    /// (EGovCore's `ReplayAdmission`, in one `BEGIN IMMEDIATE` transaction).
    ///
    /// - Throws: `StoreError/unavailable(operation:)` if the database fails.
    public func admit(messageID: String, sender: String, issuedAt: Date) async throws(StoreError) -> ReplayVerdict {
        let now = clock.now()
        if let verdict = admission.timeVerdict(issuedAt: issuedAt, now: now) { return verdict }
        let admission = self.admission
        return try await database.write("replayAdmit") { db in
            var storage = Storage(db: db)
            return try admission.admit(
                messageID: messageID, sender: sender, issuedAt: issuedAt, now: now, storage: &storage)
        }
    }

    /// The number of rows held (including expired ones not yet purged).
    public func count() async throws(StoreError) -> Int {
        try await database.read("replayCount") { db in try Storage(db: db).count() }
    }

    /// The rows of `egov_replay_cache`, within the caller's transaction.
    private struct Storage: ReplayAdmissionStorage {
        let db: Database

        func purgeExpired(now: Date) throws {
            try db.execute(
                sql: "DELETE FROM egov_replay_cache WHERE expires_at < ?",
                arguments: [now.timeIntervalSinceReferenceDate])
        }

        func count() throws -> Int {
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM egov_replay_cache") ?? 0
        }

        func isLive(sender: String, messageID: String, now: Date) throws -> Bool {
            try Bool.fetchOne(
                db,
                sql: """
                    SELECT EXISTS (SELECT 1 FROM egov_replay_cache
                    WHERE sender = ? AND message_id = ? AND expires_at >= ?)
                    """,
                arguments: [sender, messageID, now.timeIntervalSinceReferenceDate]) ?? false
        }

        /// One `INSERT … ON CONFLICT DO UPDATE … WHERE expires_at < now`: atomic under the primary key.
        func recordUnlessLive(sender: String, messageID: String, expiry: Date, now: Date) throws -> Bool {
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO egov_replay_cache (sender, message_id, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT (sender, message_id) DO UPDATE SET expires_at = excluded.expires_at
                    WHERE egov_replay_cache.expires_at < ?
                    """)
            try insert.execute(
                arguments: [
                    sender, messageID, expiry.timeIntervalSinceReferenceDate, now.timeIntervalSinceReferenceDate,
                ])
            return db.changesCount == 1
        }
    }
}
