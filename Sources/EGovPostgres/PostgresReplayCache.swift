import EGovCore
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
    public var purgeInterval: TimeInterval { admission.schedule.interval }
    private let database: PostgresStoreDatabase
    private let clock: any WallClock
    private let admission: ReplayAdmission

    /// Creates a cache in `database` (which must be migrated).
    ///
    /// - Parameters:
    ///   - database: the database holding the cache.
    ///   - window: how old or early a message may be.
    ///   - clock: the time source.
    ///   - capacity: the most rows held (`nil`: unbounded). Checking it costs a `COUNT(*)` per admission.
    ///   - purgeInterval: the least time between two purges of expired rows (default 60 s).
    public init(
        database: PostgresStoreDatabase, window: ReplayWindow = ReplayWindow(), clock: any WallClock,
        capacity: Int? = nil, purgeInterval: TimeInterval = 60
    ) {
        self.database = database
        self.window = window
        self.clock = clock
        self.admission = .durable(window: window, capacity: capacity, purgeInterval: purgeInterval)
        self.capacity = admission.capacity
    }

    /// Checks the time window, then records `sender` + `messageID` unless a live row holds them
    /// (EGovCore's `ReplayAdmission`).
    ///
    /// Without a capacity, each operation is one autocommitted statement (the record is a single
    /// atomic `INSERT … ON CONFLICT`); with one, the admission is one transaction, so that the count
    /// and the insert see the same rows.
    ///
    /// - Throws: `StoreError/unavailable(operation:)` if the database fails.
    public func admit(messageID: String, sender: String, issuedAt: Date) async throws(StoreError) -> ReplayVerdict {
        let now = clock.now()
        if let verdict = admission.timeVerdict(issuedAt: issuedAt, now: now) { return verdict }
        let admission = self.admission
        guard capacity != nil else {
            return try await database.autocommit("replayAdmit") { run in
                try await admission.admit(
                    messageID: messageID, sender: sender, issuedAt: issuedAt, now: now, storage: Storage(run: run))
            }
        }
        let logger = database.logger
        return try await database.storeTransaction("replayAdmit") { connection in
            try await admission.admit(
                messageID: messageID, sender: sender, issuedAt: issuedAt, now: now,
                storage: Storage { query in try await connection.query(query, logger: logger) })
        }
    }

    /// The number of rows held (including expired ones not yet purged).
    public func count() async throws(StoreError) -> Int {
        try await database.autocommit("replayCount") { run in try await Storage(run: run).count() }
    }

    /// The rows of `egov_replay_cache`, through `run` (a transaction's connection, or the pool).
    private struct Storage: AsyncReplayAdmissionStorage {
        let run: (PostgresQuery) async throws -> PostgresRowSequence

        func purgeExpired(now: Date) async throws {
            _ = try await run("DELETE FROM egov_replay_cache WHERE expires_at < \(now.timeIntervalSinceReferenceDate)")
        }

        func count() async throws -> Int {
            for try await value in try await run("SELECT COUNT(*) FROM egov_replay_cache").decode(Int.self) {
                return value
            }
            return 0
        }

        func isLive(sender: String, messageID: String, now: Date) async throws -> Bool {
            try await exists(
                """
                SELECT true FROM egov_replay_cache
                WHERE sender = \(sender) AND message_id = \(messageID) AND expires_at >= \(now.timeIntervalSinceReferenceDate)
                """)
        }

        /// One `INSERT … ON CONFLICT DO UPDATE … WHERE expires_at < now`: atomic under the primary
        /// key (a concurrent insert of the same key waits, then finds the live row).
        func recordUnlessLive(sender: String, messageID: String, expiry: Date, now: Date) async throws -> Bool {
            try await exists(
                """
                INSERT INTO egov_replay_cache (sender, message_id, expires_at)
                VALUES (\(sender), \(messageID), \(expiry.timeIntervalSinceReferenceDate))
                ON CONFLICT (sender, message_id) DO UPDATE SET expires_at = excluded.expires_at
                WHERE egov_replay_cache.expires_at < \(now.timeIntervalSinceReferenceDate)
                RETURNING true
                """)
        }

        private func exists(_ query: PostgresQuery) async throws -> Bool {
            for try await _ in try await run(query).decode(Bool.self) { return true }
            return false
        }
    }
}
