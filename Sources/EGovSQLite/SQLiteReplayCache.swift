import EGovCore
import EGovInterop
import Foundation
import GRDB

/// A ``ReplayCache`` in an ``SQLiteDatabase`` (table `egov_replay_cache`): message IDs survive a
/// restart, and processes sharing the database file share the cache.
///
/// Each ``admit(messageID:sender:issuedAt:)`` is one `BEGIN IMMEDIATE` transaction around one
/// `INSERT … ON CONFLICT (sender, message_id) DO UPDATE … WHERE expires_at < now`: a new ID, or one
/// whose row has expired, is (re)recorded and accepted; a live one changes nothing and is
/// ``ReplayVerdict/replayed``. The primary key `(sender, message_id)` and SQLite's single writer
/// make the check-and-record atomic across threads and processes.
///
/// Expired rows are deleted at most once per ``purgeInterval`` (and whenever the cache is full).
/// With a ``capacity``, a full cache of live IDs refuses new ones with
/// ``ReplayVerdict/capacityExceeded`` rather than forgetting them.
public final class SQLiteReplayCache: ReplayCache {
    /// The time window.
    public let window: ReplayWindow
    /// The most rows held, or `nil` for no limit but the disk (the default).
    public let capacity: Int?
    /// The least time between two purges of expired rows, in seconds.
    public var purgeInterval: TimeInterval { purgeSchedule.interval }
    private let database: SQLiteDatabase
    private let clock: any WallClock
    private let purgeSchedule: ReplayPurgeSchedule

    /// Creates a cache in `database`.
    ///
    /// - Parameters:
    ///   - capacity: the most rows held (`nil`: unbounded). Checking it costs a `COUNT(*)` per admission.
    ///   - purgeInterval: the least time between two purges of expired rows (default 60 s).
    public init(
        database: SQLiteDatabase, window: ReplayWindow = ReplayWindow(), clock: any WallClock,
        capacity: Int? = nil, purgeInterval: TimeInterval = 60
    ) {
        self.database = database
        self.window = window
        self.clock = clock
        self.capacity = capacity.map { max(1, $0) }
        self.purgeSchedule = ReplayPurgeSchedule(interval: purgeInterval)
    }

    /// Checks the time window, then records `sender` + `messageID` unless a live row holds them.
    ///
    /// - Throws: ``StoreError/unavailable(operation:)`` if the database fails.
    public func admit(messageID: String, sender: String, issuedAt: Date) async throws(StoreError) -> ReplayVerdict {
        let now = clock.now()
        if let verdict = window.timeVerdict(issuedAt: issuedAt, now: now) { return verdict }
        let nowSeconds = now.timeIntervalSinceReferenceDate
        let expiry = window.expiry(of: issuedAt).timeIntervalSinceReferenceDate
        let capacity = capacity
        let purgeDue = purgeSchedule.isDue(at: now)
        return try await database.write("replayAdmit") { db in
            if purgeDue { try Self.purge(db, now: nowSeconds) }
            if let capacity {
                var count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM egov_replay_cache") ?? 0
                if count >= capacity, !purgeDue {
                    try Self.purge(db, now: nowSeconds)
                    count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM egov_replay_cache") ?? 0
                }
                if count >= capacity {
                    let live =
                        try Bool.fetchOne(
                            db,
                            sql: """
                                SELECT EXISTS (SELECT 1 FROM egov_replay_cache
                                WHERE sender = ? AND message_id = ? AND expires_at >= ?)
                                """,
                            arguments: [sender, messageID, nowSeconds]) ?? false
                    return live ? .replayed : .capacityExceeded
                }
            }
            let insert = try db.cachedStatement(
                sql: """
                    INSERT INTO egov_replay_cache (sender, message_id, expires_at) VALUES (?, ?, ?)
                    ON CONFLICT (sender, message_id) DO UPDATE SET expires_at = excluded.expires_at
                    WHERE egov_replay_cache.expires_at < ?
                    """)
            try insert.execute(arguments: [sender, messageID, expiry, nowSeconds])
            return db.changesCount == 1 ? .accepted : .replayed
        }
    }

    /// The number of rows held (including expired ones not yet purged).
    public func count() async throws(StoreError) -> Int {
        try await database.read("replayCount") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM egov_replay_cache") ?? 0
        }
    }

    private static func purge(_ db: Database, now: Double) throws {
        try db.execute(sql: "DELETE FROM egov_replay_cache WHERE expires_at < ?", arguments: [now])
    }
}
