import EGovCore
import EGovNotifications
import Foundation
import Logging
import PostgresNIO
import Synchronization

/// A `NotificationStore` in a ``PostgresStoreDatabase``: an outbox shared by several dispatcher
/// processes.
///
/// - Enqueue is idempotent through the `UNIQUE` idempotency key (`INSERT … ON CONFLICT DO
///   NOTHING`); a batch is one multi-row insert in one transaction.
/// - ``claimDue(now:limit:)`` selects due deliveries `FOR UPDATE SKIP LOCKED` and leases them in
///   the same transaction: concurrent claimants skip each other's rows instead of waiting, and no
///   delivery is handed to two claimants while its lease runs.
/// - ``update(_:)`` is a compare-and-set on the `version` column.
/// - Evidence records must link to the stored chain; the primary key `(notice_id, sequence)`
///   refuses a concurrent second record at a position.
///
/// The rules (idempotency, due-ness and leases, versions, evidence links) are EGovNotifications'
/// (`Delivery/claim(now:lease:)` and its neighbours); this store persists their results and
/// queries. Notices are stored in the same body format as the SQLite store's (`BYTEA`, schema
/// version 3).
///
/// Notices never change once stored, so the notices of recently claimed deliveries are kept in memory:
/// the dispatcher's ``notice(_:)`` lookup right after a claim costs no round trip.
///
/// Every read throws a `StoreError` when the database cannot be read (a failure is never taken
/// for an empty queue or a missing record); an undecodable delivery row is logged (without stored
/// values) and left out of ``claimDue(now:limit:)`` and ``deliveries(in:)``. Writes throw
/// `NotificationError/store(_:)`.
public final class PostgresNotificationStore: NotificationStore {
    private let database: PostgresStoreDatabase
    /// The notices of the most recent claims (emptied when it would exceed ``noticeCacheLimit``).
    private let claimedNotices = Mutex<[NoticeID: Notice]>([:])
    private static let noticeCacheLimit = 8_192
    /// How long a claim lasts before another claimant may take the delivery.
    public let leaseDuration: TimeInterval

    /// Creates a store in `database` (which must be migrated).
    public init(database: PostgresStoreDatabase, leaseDuration: TimeInterval = 300) {
        self.database = database
        self.leaseDuration = leaseDuration
    }

    private var logger: Logger { database.logger }

    public func enqueue(_ notice: Notice, at time: Date) async throws(NotificationError) -> (
        notice: Notice, created: Bool
    ) {
        try await enqueueAsBatch(notice, at: time)
    }

    public func enqueue(contentsOf notices: [Notice], at time: Date) async throws(NotificationError)
        -> [(notice: Notice, created: Bool)]
    {
        guard !notices.isEmpty else { return [] }
        var ids: [String] = []
        var keys: [String] = []
        var noticeBodies: [ByteBuffer] = []
        var deliveries: [Delivery] = []
        var deliveryBodies: [String] = []
        for notice in notices {
            let delivery = try Delivery.enqueued(notice, at: time)
            do {
                noticeBodies.append(ByteBuffer(bytes: try StoredNoticeCodec.encode(notice)))
                deliveryBodies.append(try StoredText.encode(delivery, table: "egov_deliveries"))
            } catch {
                throw .store(error)
            }
            ids.append(notice.id.rawValue)
            keys.append(notice.idempotencyKey)
            deliveries.append(delivery)
        }
        let logger = self.logger
        do {
            return try await database.transaction("enqueue") { connection in
                var inserted: [String: String] = [:]  // idempotency key → id
                let rows = try await connection.query(
                    """
                    INSERT INTO egov_notices (id, idempotency_key, body)
                    SELECT * FROM unnest(\(ids)::text[], \(keys)::text[], \(noticeBodies)::bytea[])
                    ON CONFLICT DO NOTHING RETURNING id, idempotency_key
                    """, logger: logger)
                for try await (id, key) in rows.decode((String, String).self) { inserted[key] = id }
                var isNew: [Bool] = []
                var newIndices: [Int] = []
                var missingKeys: [String] = []
                for (index, notice) in notices.enumerated() {
                    // An (id, key) pair is inserted at most once: its first occurrence.
                    if inserted[notice.idempotencyKey] == notice.id.rawValue {
                        inserted[notice.idempotencyKey] = nil
                        newIndices.append(index)
                        isNew.append(true)
                    } else {
                        missingKeys.append(notice.idempotencyKey)
                        isNew.append(false)
                    }
                }
                if !newIndices.isEmpty {
                    let newIDs = newIndices.map { ids[$0] }
                    let states = newIndices.map { deliveries[$0].state.rawValue }
                    let dues = newIndices.map {
                        deliveries[$0].claimableAt?.timeIntervalSinceReferenceDate
                            ?? time.timeIntervalSinceReferenceDate
                    }
                    let versions = newIndices.map { Int64(deliveries[$0].version) }
                    let bodies = newIndices.map { deliveryBodies[$0] }
                    try await connection.query(
                        """
                        INSERT INTO egov_deliveries (notice_id, state, due_at, version, body)
                        SELECT * FROM unnest(\(newIDs)::text[], \(states)::text[], \(dues)::float8[],
                            \(versions)::int8[], \(bodies)::text[])
                        """, logger: logger)
                }
                var existing: [String: Notice] = [:]
                if !missingKeys.isEmpty {
                    let rows = try await connection.query(
                        "SELECT idempotency_key, body FROM egov_notices WHERE idempotency_key = ANY(\(missingKeys)::text[])",
                        logger: logger)
                    for try await (key, body) in rows.decode((String, Data).self) {
                        existing[key] = try StoredNoticeCodec.decode(body)
                    }
                }
                return try notices.indices.map { index in
                    try notices[index].enqueueResult(
                        inserted: isNew[index], storedWithKey: existing[notices[index].idempotencyKey])
                }
            }
        } catch let error as NotificationError {
            throw error
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(.unavailable(operation: "enqueue"))
        }
    }

    public func claimDue(now: Date, limit: Int) async throws(StoreError) -> [Delivery] {
        guard limit > 0 else { return [] }
        // `due_at` holds `Delivery.claimableAt`, so `due_at <= now` is `Delivery.isClaimable(at:)`
        // done by the index, with the rows locked (`FOR UPDATE SKIP LOCKED`) so that concurrent
        // processes never claim one delivery twice; the lease itself is `Delivery.claim(now:lease:)`.
        let lease = leaseDuration
        let logger = self.logger
        return try await database.storeTransaction("claim") { connection in
            let rows = try await connection.query(
                """
                SELECT d.notice_id, d.body, n.body FROM egov_deliveries AS d
                JOIN egov_notices AS n ON n.id = d.notice_id
                WHERE d.due_at IS NOT NULL AND d.due_at <= \(now.timeIntervalSinceReferenceDate)
                ORDER BY d.due_at, d.notice_id LIMIT \(limit)
                FOR UPDATE OF d SKIP LOCKED
                """, logger: logger)
            var selected: [(String, String)] = []
            var notices: [NoticeID: Notice] = [:]
            for try await (noticeID, body, noticeBody) in rows.decode((String, String, Data).self) {
                selected.append((noticeID, body))
                if let notice = try? StoredNoticeCodec.decode(noticeBody) {
                    notices[notice.id] = notice
                }
            }
            self.claimedNotices.withLock { cache in
                if cache.count + notices.count > Self.noticeCacheLimit { cache.removeAll(keepingCapacity: true) }
                cache.merge(notices) { _, new in new }
            }
            var claimed: [Delivery] = []
            var claimedIDs: [String] = []
            var bodies: [String] = []
            var versions: [Int64] = []
            var dues: [Double] = []
            var undecodable: [String] = []
            let encoder = JSONEncoder()
            for (noticeID, body) in selected {
                guard var delivery = try? StoredText.decode(Delivery.self, body, table: "egov_deliveries") else {
                    undecodable.append(noticeID)
                    continue
                }
                delivery.claim(now: now, lease: lease)
                claimedIDs.append(noticeID)
                bodies.append(String(decoding: try encoder.encode(delivery), as: UTF8.self))
                versions.append(Int64(delivery.version))
                dues.append(
                    delivery.claimableAt?.timeIntervalSinceReferenceDate ?? now.timeIntervalSinceReferenceDate
                        + lease)
                claimed.append(delivery)
            }
            if !undecodable.isEmpty {
                logger.error(
                    "Undecodable delivery rows removed from the due queue",
                    metadata: ["count": "\(undecodable.count)"])
                try await connection.query(
                    "UPDATE egov_deliveries SET due_at = NULL WHERE notice_id = ANY(\(undecodable)::text[])",
                    logger: logger)
            }
            if !claimedIDs.isEmpty {
                try await connection.query(
                    """
                    UPDATE egov_deliveries AS d SET due_at = u.due_at, version = u.version, body = u.body
                    FROM unnest(\(claimedIDs)::text[], \(dues)::float8[], \(versions)::int8[], \(bodies)::text[])
                        AS u(notice_id, due_at, version, body)
                    WHERE d.notice_id = u.notice_id
                    """, logger: logger)
            }
            return claimed
        }
    }

    public func update(_ delivery: Delivery) async throws(NotificationError) -> Delivery {
        // The version check is the `WHERE version = …` of one compare-and-set (atomic across
        // processes); the value stored and the refusal are EGovNotifications' rules.
        let updated = delivery.nextRevision
        let body: String
        do { body = try StoredText.encode(updated, table: "egov_deliveries") } catch { throw .store(error) }
        let stored = updated
        let changed: Bool
        do {
            changed = try await database.query(
                "update",
                """
                UPDATE egov_deliveries SET state = \(stored.state.rawValue),
                    due_at = \(stored.claimableAt?.timeIntervalSinceReferenceDate), version = \(Int64(stored.version)),
                    body = \(body)
                WHERE notice_id = \(stored.noticeID.rawValue) AND version = \(Int64(delivery.version))
                RETURNING notice_id
                """
            ) { sequence in
                for try await _ in sequence.decode(String.self) { return true }
                return false
            }
        } catch {
            throw .store(error)
        }
        guard !changed else { return stored }
        let storedVersion: Int?
        do {
            storedVersion = try await database.query(
                "update", "SELECT version FROM egov_deliveries WHERE notice_id = \(stored.noticeID.rawValue)"
            ) { sequence in
                for try await version in sequence.decode(Int.self) { return version }
                return nil
            }
        } catch {
            throw .store(error)
        }
        throw delivery.refusedUpdate(storedVersion: storedVersion)
    }

    public func notice(_ id: NoticeID) async throws(StoreError) -> Notice? {
        if let cached = claimedNotices.withLock({ $0[id] }) { return cached }
        return try await database.query("notice", "SELECT body FROM egov_notices WHERE id = \(id.rawValue)") { rows in
            for try await body in rows.decode(Data.self) { return try StoredNoticeCodec.decode(body) }
            return nil
        }
    }

    public func delivery(_ id: NoticeID) async throws(StoreError) -> Delivery? {
        try await database.query(
            "delivery", "SELECT body FROM egov_deliveries WHERE notice_id = \(id.rawValue)"
        ) { rows in
            for try await body in rows.decode(String.self) {
                return try StoredText.decode(Delivery.self, body, table: "egov_deliveries")
            }
            return nil
        }
    }

    public func deliveries(in states: Set<DeliveryState>) async throws(StoreError) -> [Delivery] {
        guard !states.isEmpty else { return [] }
        let names = states.map(\.rawValue).sorted()
        return
            try await database.query(
                "deliveries", "SELECT body FROM egov_deliveries WHERE state = ANY(\(names)::text[]) ORDER BY notice_id"
            ) { rows in
                var result: [Delivery] = []
                for try await body in rows.decode(String.self) {
                    if let delivery = try? StoredText.decode(Delivery.self, body, table: "egov_deliveries") {
                        result.append(delivery)
                    }
                }
                return result
            }
    }

    public func nextDueDate() async throws(StoreError) -> Date? {
        try await database.query(
            "nextDueDate", "SELECT MIN(due_at) FROM egov_deliveries WHERE due_at IS NOT NULL"
        ) { rows in
            for try await value in rows.decode(Double?.self) {
                return value.map { Date(timeIntervalSinceReferenceDate: $0) }
            }
            return nil
        }
    }

    public func appendEvidence(_ record: EvidenceRecord) async throws(NotificationError) {
        let body: String
        do { body = try StoredText.encode(record, table: "egov_evidence") } catch { throw .store(error) }
        let noticeID = record.body.messageID
        let logger = self.logger
        do {
            try await database.transaction("appendEvidence") { connection in
                let exists = try await Self.exists(
                    connection, "SELECT 1 FROM egov_notices WHERE id = \(noticeID)", logger: logger)
                var last: (sequence: Int, hash: String)?
                let rows = try await connection.query(
                    """
                    SELECT sequence, hash FROM egov_evidence WHERE notice_id = \(noticeID)
                    ORDER BY sequence DESC LIMIT 1
                    """, logger: logger)
                for try await row in rows.decode((Int, String).self) { last = row }
                try EvidenceChain.checkAppend(record, noticeExists: exists, last: last)
                try await connection.query(
                    """
                    INSERT INTO egov_evidence (notice_id, sequence, hash, body)
                    VALUES (\(noticeID), \(record.body.sequence), \(record.hash), \(body))
                    """, logger: logger)
            }
        } catch let error as NotificationError {
            throw error
        } catch StoreError.duplicate {
            throw .evidenceChainConflict
        } catch let error as StoreError {
            throw .store(error)
        } catch {
            throw .store(.unavailable(operation: "appendEvidence"))
        }
    }

    public func evidence(for id: NoticeID) async throws(StoreError) -> [EvidenceRecord] {
        try await database.query(
            "evidence", "SELECT body FROM egov_evidence WHERE notice_id = \(id.rawValue) ORDER BY sequence"
        ) { rows in
            var records: [EvidenceRecord] = []
            for try await body in rows.decode(String.self) {
                records.append(try StoredText.decode(EvidenceRecord.self, body, table: "egov_evidence"))
            }
            return records
        }
    }

    static func exists(_ connection: PostgresConnection, _ query: PostgresQuery, logger: Logger) async throws -> Bool {
        let rows = try await connection.query(query, logger: logger)
        for try await _ in rows.decode(Int.self) { return true }
        return false
    }
}
