import EGovCore
import EGovNotifications
import Foundation
import GRDB

/// A `NotificationStore` in an ``SQLiteDatabase``: the durable outbox of the embedded default.
///
/// - Enqueue is idempotent through the `UNIQUE` constraint on the idempotency key
///   (`INSERT … ON CONFLICT DO NOTHING`); a batch (``enqueue(contentsOf:at:)``) is one transaction.
/// - ``claimDue(now:limit:)`` selects the due deliveries and leases them in one `BEGIN IMMEDIATE`
///   transaction, so that concurrent dispatchers (threads or processes) never claim the same
///   delivery while its lease runs.
/// - ``update(_:)`` is a compare-and-set on the `version` column.
/// - Evidence records are appended only if they link to the stored chain; the primary key
///   `(notice_id, sequence)` refuses a concurrent second record at the same position.
///
/// The rules (idempotency, due-ness and leases, versions, evidence links) are EGovNotifications'
/// (`Delivery/claim(now:lease:)` and its neighbours); this store persists their results and
/// queries. Notices are stored in the same body format as the PostgreSQL store's.
///
/// A damaged database file is `StoreError/corruptDatabase(operation:)`. Every read throws a
/// `StoreError` when the database cannot be read, so that a failure is never taken for an empty
/// queue or a missing record; an undecodable delivery row is logged (without stored values) and
/// left out of ``claimDue(now:limit:)`` and ``deliveries(in:)``. Writes throw
/// `NotificationError/store(_:)`.
public final class SQLiteNotificationStore: NotificationStore {
    private let database: SQLiteDatabase
    /// How long a claim lasts before another claimant may take the delivery.
    public let leaseDuration: TimeInterval

    /// Creates a store in `database`.
    public init(database: SQLiteDatabase, leaseDuration: TimeInterval = 300) {
        self.database = database
        self.leaseDuration = leaseDuration
    }

    public func enqueue(_ notice: Notice, at time: Date) async throws(NotificationError) -> (
        notice: Notice, created: Bool
    ) {
        try await enqueueAsBatch(notice, at: time)
    }

    public func enqueue(contentsOf notices: [Notice], at time: Date) async throws(NotificationError)
        -> [(notice: Notice, created: Bool)]
    {
        struct Row: Sendable {
            let notice: Notice
            let noticeBody: Data
            let delivery: Delivery
        }
        var rows: [Row] = []
        rows.reserveCapacity(notices.count)
        for notice in notices {
            let delivery = try Delivery.enqueued(notice, at: time)
            do {
                rows.append(Row(notice: notice, noticeBody: try StoredNoticeCodec.encode(notice), delivery: delivery))
            } catch {
                throw .store(error)
            }
        }
        let prepared = rows
        let enqueuedAt = time.timeIntervalSinceReferenceDate.databaseValue
        do {
            return try await database.writer.write { db in
                var results: [(notice: Notice, created: Bool)] = []
                results.reserveCapacity(prepared.count)
                var chunkStart = prepared.startIndex
                while chunkStart < prepared.endIndex {
                    let chunk = prepared[chunkStart..<min(chunkStart + Self.insertChunk, prepared.endIndex)]
                    chunkStart = chunk.endIndex
                    // One multi-row insert per chunk; RETURNING names the rows actually inserted
                    // (ON CONFLICT DO NOTHING skips the others).
                    var values: [DatabaseValue] = []
                    values.reserveCapacity(chunk.count * 3)
                    for row in chunk {
                        values.append(row.notice.id.rawValue.databaseValue)
                        values.append(row.notice.idempotencyKey.databaseValue)
                        values.append(row.noticeBody.databaseValue)
                    }
                    let insertNotices = try db.cachedStatement(sql: Self.insertNoticesSQL(chunk.count))
                    var inserted: Set<NoticeKey> = []
                    let cursor = try GRDB.Row.fetchCursor(insertNotices, arguments: StatementArguments(values))
                    while let returned = try cursor.next() {
                        inserted.insert(
                            NoticeKey(
                                id: try StoredJSON.column(String.self, returned, 0, table: "egov_notices"),
                                key: try StoredJSON.column(String.self, returned, 1, table: "egov_notices")))
                    }
                    values.removeAll(keepingCapacity: true)
                    var created: [Row] = []
                    created.reserveCapacity(inserted.count)
                    for row in chunk {
                        // An (id, key) pair is inserted at most once: its first occurrence.
                        let isNew =
                            inserted.remove(NoticeKey(id: row.notice.id.rawValue, key: row.notice.idempotencyKey))
                            != nil
                        let storedWithKey =
                            try isNew ? nil : Self.notice(db, where: "idempotency_key", is: row.notice.idempotencyKey)
                        let result = try row.notice.enqueueResult(inserted: isNew, storedWithKey: storedWithKey)
                        if result.created { created.append(row) }
                        results.append(result)
                    }
                    guard !created.isEmpty else { continue }
                    values.reserveCapacity(created.count * 5)
                    for row in created {
                        values.append(row.notice.id.rawValue.databaseValue)
                        values.append(row.delivery.state.rawValue.databaseValue)
                        values.append(row.delivery.claimableAt?.timeIntervalSinceReferenceDate.databaseValue ?? .null)
                        values.append(row.delivery.version.databaseValue)
                        values.append(enqueuedAt)
                    }
                    try db.cachedStatement(sql: Self.insertDeliveriesSQL(created.count))
                        .execute(arguments: StatementArguments(values))
                }
                return results
            }
        } catch let error as NotificationError {
            throw error
        } catch {
            throw .store(SQLiteErrors.map(error, operation: "enqueue"))
        }
    }

    /// The most notices inserted by one statement (3 parameters each, 5 per delivery).
    static let insertChunk = 100

    private struct NoticeKey: Hashable {
        let id: String
        let key: String
    }

    private static let fullChunkNoticesSQL = makeInsertNoticesSQL(insertChunk)
    private static let fullChunkDeliveriesSQL = makeInsertDeliveriesSQL(insertChunk)

    private static func insertNoticesSQL(_ count: Int) -> String {
        count == insertChunk ? fullChunkNoticesSQL : makeInsertNoticesSQL(count)
    }

    private static func insertDeliveriesSQL(_ count: Int) -> String {
        count == insertChunk ? fullChunkDeliveriesSQL : makeInsertDeliveriesSQL(count)
    }

    private static func makeInsertNoticesSQL(_ count: Int) -> String {
        "INSERT INTO egov_notices (id, idempotency_key, body) VALUES "
            + repeatElement("(?, ?, ?)", count: count).joined(separator: ", ")
            + " ON CONFLICT DO NOTHING RETURNING id, idempotency_key"
    }

    private static func makeInsertDeliveriesSQL(_ count: Int) -> String {
        "INSERT INTO egov_deliveries (notice_id, state, due_at, version, enqueued_at) VALUES "
            + repeatElement("(?, ?, ?, ?, ?)", count: count).joined(separator: ", ")
    }

    public func claimDue(now: Date, limit: Int) async throws(StoreError) -> [Delivery] {
        guard limit > 0 else { return [] }
        let lease = leaseDuration
        // A failed read throws: it is never taken for an empty queue. `due_at` holds
        // `Delivery.claimableAt`, so `due_at <= now` is `Delivery.isClaimable(at:)` done by the
        // index, in the same `BEGIN IMMEDIATE` transaction as the lease (one claimant per delivery
        // across processes); the lease itself is `Delivery.claim(now:lease:)`.
        return try await database.write("claim") { db in
            let rows = try GRDB.Row.fetchAll(
                db,
                sql: """
                    \(Self.selectDeliveries)
                    WHERE d.due_at IS NOT NULL AND d.due_at <= ? ORDER BY d.due_at, d.notice_id LIMIT ?
                    """,
                arguments: [now.timeIntervalSinceReferenceDate, limit])
            let update = try db.cachedStatement(
                sql: "UPDATE egov_deliveries SET due_at = ?, version = ?, body = ? WHERE notice_id = ?")
            let encoder = JSONEncoder()
            var claimed: [Delivery] = []
            for row in rows {
                let noticeID = try StoredJSON.column(String.self, row, 0, table: "egov_deliveries")
                guard var delivery = try? Self.delivery(from: row) else {
                    // Take an undecodable row out of the queue so that it cannot block it.
                    SQLiteDatabase.logger.error("Undecodable delivery row removed from the due queue")
                    try db.execute(
                        sql: "UPDATE egov_deliveries SET due_at = NULL WHERE notice_id = ?", arguments: [noticeID])
                    continue
                }
                delivery.claim(now: now, lease: lease)
                try update.execute(
                    arguments: [
                        delivery.claimableAt?.timeIntervalSinceReferenceDate, delivery.version,
                        try encoder.encode(delivery), noticeID,
                    ])
                claimed.append(delivery)
            }
            return claimed
        }
    }

    public func update(_ delivery: Delivery) async throws(NotificationError) -> Delivery {
        // The version check is the `WHERE version = ?` of one compare-and-set (atomic across
        // processes); the value stored and the refusal are EGovNotifications' rules.
        let updated = delivery.nextRevision
        let body: Data
        do { body = try JSONEncoder().encode(updated) } catch { throw .store(.corruptRecord(table: "egov_deliveries")) }
        let stored = updated
        do {
            return try await database.writer.write { db in
                try db.execute(
                    sql: """
                        UPDATE egov_deliveries SET state = ?, due_at = ?, version = ?, body = ?
                        WHERE notice_id = ? AND version = ?
                        """,
                    arguments: [
                        stored.state.rawValue, stored.claimableAt?.timeIntervalSinceReferenceDate, stored.version, body,
                        stored.noticeID.rawValue, delivery.version,
                    ])
                guard db.changesCount == 1 else {
                    let storedVersion = try Int.fetchOne(
                        db, sql: "SELECT version FROM egov_deliveries WHERE notice_id = ?",
                        arguments: [stored.noticeID.rawValue])
                    throw delivery.refusedUpdate(storedVersion: storedVersion)
                }
                return stored
            }
        } catch let error as NotificationError {
            throw error
        } catch {
            throw .store(SQLiteErrors.map(error, operation: "update"))
        }
    }

    public func notice(_ id: NoticeID) async throws(StoreError) -> Notice? {
        try await database.read("notice") { db in try Self.notice(db, where: "id", is: id.rawValue) }
    }

    /// The notice whose `column` (`id` or `idempotency_key`) is `value`, if any.
    private static func notice(_ db: Database, where column: String, is value: String) throws -> Notice? {
        guard
            let row = try GRDB.Row.fetchOne(
                db, sql: "SELECT body FROM egov_notices WHERE \(column) = ?", arguments: [value])
        else { return nil }
        return try StoredNoticeCodec.decode(StoredJSON.data(row, 0, table: "egov_notices"))
    }

    public func delivery(_ id: NoticeID) async throws(StoreError) -> Delivery? {
        try await database.read("delivery") { db in
            guard
                let row = try GRDB.Row.fetchOne(
                    db, sql: "\(Self.selectDeliveries) WHERE d.notice_id = ?", arguments: [id.rawValue])
            else { return nil }
            return try Self.delivery(from: row)
        }
    }

    /// Deliveries in one of `states`; an undecodable row is left out (as ``claimDue(now:limit:)``
    /// takes it out of the queue), a failed read throws.
    public func deliveries(in states: Set<DeliveryState>) async throws(StoreError) -> [Delivery] {
        guard !states.isEmpty else { return [] }
        let names = states.map(\.rawValue).sorted()
        return try await database.read("deliveries") { db in
            let placeholders = Array(repeating: "?", count: names.count).joined(separator: ", ")
            let rows = try GRDB.Row.fetchAll(
                db,
                sql: "\(Self.selectDeliveries) WHERE d.state IN (\(placeholders)) ORDER BY d.notice_id",
                arguments: StatementArguments(names))
            return rows.compactMap { row in try? Self.delivery(from: row) }
        }
    }

    public func nextDueDate() async throws(StoreError) -> Date? {
        let seconds = try await database.read("nextDueDate") { db in
            try Double.fetchOne(db, sql: "SELECT MIN(due_at) FROM egov_deliveries WHERE due_at IS NOT NULL")
        }
        guard let seconds else { return nil }
        return Date(timeIntervalSinceReferenceDate: seconds)
    }

    public func appendEvidence(_ record: EvidenceRecord) async throws(NotificationError) {
        let body: Data
        do { body = try JSONEncoder().encode(record) } catch { throw .store(.corruptRecord(table: "egov_evidence")) }
        let noticeID = record.body.messageID
        do {
            try await database.writer.write { db in
                let exists =
                    try Bool.fetchOne(
                        db, sql: "SELECT EXISTS (SELECT 1 FROM egov_notices WHERE id = ?)", arguments: [noticeID])
                    ?? false
                let last = try GRDB.Row.fetchOne(
                    db,
                    sql: "SELECT sequence, hash FROM egov_evidence WHERE notice_id = ? ORDER BY sequence DESC LIMIT 1",
                    arguments: [noticeID])
                try EvidenceChain.checkAppend(
                    record, noticeExists: exists,
                    last: try last.map { row throws(StoreError) in
                        (
                            try StoredJSON.column(Int.self, row, 0, table: "egov_evidence"),
                            try StoredJSON.column(String.self, row, 1, table: "egov_evidence")
                        )
                    })
                try db.execute(
                    sql: "INSERT INTO egov_evidence (notice_id, sequence, hash, body) VALUES (?, ?, ?, ?)",
                    arguments: [noticeID, record.body.sequence, record.hash, body])
            }
        } catch let error as NotificationError {
            throw error
        } catch {
            if SQLiteErrors.isUniqueViolation(error) { throw .evidenceChainConflict }
            throw .store(SQLiteErrors.map(error, operation: "appendEvidence"))
        }
    }

    public func evidence(for id: NoticeID) async throws(StoreError) -> [EvidenceRecord] {
        try await database.read("evidence") { db in
            try GRDB.Row.fetchAll(
                db, sql: "SELECT body FROM egov_evidence WHERE notice_id = ? ORDER BY sequence",
                arguments: [id.rawValue]
            ).map { row in
                try StoredJSON.decode(
                    EvidenceRecord.self, StoredJSON.data(row, 0, table: "egov_evidence"), table: "egov_evidence")
            }
        }
    }

    /// Selects `notice_id, body, enqueued_at` of deliveries `d`, and the notice's body when the
    /// delivery has none.
    private static let selectDeliveries = """
        SELECT d.notice_id, d.body, d.enqueued_at, CASE WHEN d.body IS NULL THEN n.body END
        FROM egov_deliveries AS d JOIN egov_notices AS n ON n.id = d.notice_id
        """

    /// A delivery from a row of ``selectDeliveries``. A delivery untouched since it was enqueued has
    /// no body (saving one encoding per notice on the enqueue path): it is rebuilt, exactly, from its
    /// notice and its enqueue time.
    private static func delivery(from row: GRDB.Row) throws(StoreError) -> Delivery {
        let table = "egov_deliveries"
        if let body = try StoredJSON.column(Data?.self, row, 1, table: table) {
            return try StoredJSON.decode(Delivery.self, body, table: table)
        }
        let enqueuedAt = try StoredJSON.column(Double.self, row, 2, table: table)
        guard let noticeBody = try StoredJSON.column(Data?.self, row, 3, table: table) else {
            throw .corruptRecord(table: table)
        }
        let notice = try StoredNoticeCodec.decode(noticeBody)
        do {
            return try Delivery.enqueued(notice, at: Date(timeIntervalSinceReferenceDate: enqueuedAt))
        } catch {
            throw .corruptRecord(table: table)
        }
    }

    /// The number of stored notices.
    public func noticeCount() async throws(StoreError) -> Int {
        try await database.read("noticeCount") { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM egov_notices") ?? 0
        }
    }
}
