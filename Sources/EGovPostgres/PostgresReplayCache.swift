import EGovCore
import EGovInterop
import Foundation
import PostgresNIO

/// A `ReplayCache` in a ``PostgresStoreDatabase`` (table `egov_replay_cache`), shared by every
/// process of a service: a message ID accepted by one instance is refused as replayed by all.
///
/// Each ``admit(messageID:sender:issuedAt:)`` records the ID with one statement,
/// `INSERT … ON CONFLICT (sender, message_id) DO UPDATE … WHERE expires_at < now RETURNING …`: a new
/// ID, or one whose row has expired, is (re)recorded and accepted; a live one changes nothing and is
/// `ReplayVerdict/replayed`. The primary key `(sender, message_id)` makes the check-and-record
/// atomic across connections and processes: a concurrent second insert of the same key waits for
/// the first transaction and then finds its (live) row.
///
/// Expired rows are deleted at most once per ``purgeInterval`` per instance (and whenever the cache
/// is full). With a ``capacity``, a full cache of live IDs refuses new ones with
/// `ReplayVerdict/capacityExceeded`; under concurrent admissions the limit may be exceeded by
/// the number of concurrent transactions (it bounds growth, it is not a quota).
public final class PostgresReplayCache: ReplayCache {
    /// The time window.
    public let window: ReplayWindow
    /// The most rows held, or `nil` for no limit but the disk (the default).
    public let capacity: Int?
    /// The least time between two purges of expired rows by this instance, in seconds.
    public var purgeInterval: TimeInterval { purgeSchedule.interval }
    private let database: PostgresStoreDatabase
    private let clock: any WallClock
    private let purgeSchedule: ReplayPurgeSchedule

    /// Creates a cache in `database` (which must be migrated).
    ///
    /// - Parameters:
    ///   - capacity: the most rows held (`nil`: unbounded). Checking it costs a `COUNT(*)` per admission.
    ///   - purgeInterval: the least time between two purges of expired rows (default 60 s).
    public init(
        database: PostgresStoreDatabase, window: ReplayWindow = ReplayWindow(), clock: any WallClock,
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
    /// - Throws: `StoreError/unavailable(operation:)` if the database fails.
    public func admit(messageID: String, sender: String, issuedAt: Date) async throws(StoreError) -> ReplayVerdict {
        let now = clock.now()
        if let verdict = window.timeVerdict(issuedAt: issuedAt, now: now) { return verdict }
        let nowSeconds = now.timeIntervalSinceReferenceDate
        let expiry = window.expiry(of: issuedAt).timeIntervalSinceReferenceDate
        let purgeDue = purgeSchedule.isDue(at: now)
        let logger = database.logger
        guard let capacity else {
            if purgeDue {
                try await database.query(
                    "replayPurge", "DELETE FROM egov_replay_cache WHERE expires_at < \(nowSeconds)"
                ) { _ in () }
            }
            return try await database.query(
                "replayAdmit", Self.insert(sender: sender, messageID: messageID, expiry: expiry, now: nowSeconds)
            ) { rows in
                for try await _ in rows.decode(Bool.self) { return ReplayVerdict.accepted }
                return ReplayVerdict.replayed
            }
        }
        return try await database.storeTransaction("replayAdmit") { connection in
            func count() async throws -> Int {
                for try await value in try await connection.query(
                    "SELECT COUNT(*) FROM egov_replay_cache", logger: logger
                ).decode(Int.self) {
                    return value
                }
                return 0
            }
            func purge() async throws {
                try await connection.query(
                    "DELETE FROM egov_replay_cache WHERE expires_at < \(nowSeconds)", logger: logger)
            }
            if purgeDue { try await purge() }
            var held = try await count()
            if held >= capacity, !purgeDue {
                try await purge()
                held = try await count()
            }
            if held >= capacity {
                for try await _ in try await connection.query(
                    """
                    SELECT true FROM egov_replay_cache
                    WHERE sender = \(sender) AND message_id = \(messageID) AND expires_at >= \(nowSeconds)
                    """, logger: logger
                ).decode(Bool.self) {
                    return ReplayVerdict.replayed
                }
                return ReplayVerdict.capacityExceeded
            }
            for try await _ in try await connection.query(
                Self.insert(sender: sender, messageID: messageID, expiry: expiry, now: nowSeconds), logger: logger
            ).decode(Bool.self) {
                return ReplayVerdict.accepted
            }
            return ReplayVerdict.replayed
        }
    }

    /// The number of rows held (including expired ones not yet purged).
    public func count() async throws(StoreError) -> Int {
        try await database.query("replayCount", "SELECT COUNT(*) FROM egov_replay_cache") { rows in
            for try await value in rows.decode(Int.self) { return value }
            return 0
        }
    }

    /// Records the key unless a live row holds it; returns one row (`true`) when it recorded.
    private static func insert(sender: String, messageID: String, expiry: Double, now: Double) -> PostgresQuery {
        """
        INSERT INTO egov_replay_cache (sender, message_id, expires_at) VALUES (\(sender), \(messageID), \(expiry))
        ON CONFLICT (sender, message_id) DO UPDATE SET expires_at = excluded.expires_at
        WHERE egov_replay_cache.expires_at < \(now)
        RETURNING true
        """
    }
}
