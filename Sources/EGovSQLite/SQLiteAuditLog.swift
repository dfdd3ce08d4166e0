import EGovCore
import Foundation
import GRDB

/// An `AuditLog` in an ``SQLiteDatabase`` (table `egov_audit_log`, one row per entry, the
/// event's fields in columns). The chain rules are EGovCore's `AuditAppend`; this log persists
/// the entries and queries them.
///
/// Appends are serialised by SQLite's write lock (one `BEGIN IMMEDIATE` transaction reads the
/// head and inserts the next entry), so the chain stays gap-free across threads and processes;
/// the primary key on `sequence` refuses a second entry at a position.
///
/// ``verify()`` recomputes every hash from the stored columns: a row changed directly in the
/// database (e.g. `UPDATE egov_audit_log SET subject = …`), deleted or inserted is reported. A row
/// that can no longer be read is reported as a hash mismatch at its position. As with every hash
/// chain, truncation at the end and a wholesale rewrite need an independently kept head and count
/// (`AuditChain/verify(_:hashFunction:expectedHead:expectedCount:)`).
public final class SQLiteAuditLog: AuditLog {
    private let database: SQLiteDatabase
    private let hashFunction: any HashFunction
    private let clock: any WallClock

    /// Creates a log in `database`.
    ///
    /// - Parameters:
    ///   - database: the SQLite database holding the log.
    ///   - hashFunction: the chain's hash (EGovCrypto provides SHA-256 and SM3).
    ///   - clock: the source of entry times.
    public init(database: SQLiteDatabase, hashFunction: any HashFunction, clock: any WallClock) {
        self.database = database
        self.hashFunction = hashFunction
        self.clock = clock
    }

    public func append(_ event: AuditEvent) async throws -> AuditEntry {
        let hashFunction = self.hashFunction
        let clock = self.clock
        let details: String?
        if let eventDetails = event.details {
            details = String(decoding: try StoredJSON.encode(eventDetails, table: "egov_audit_log"), as: UTF8.self)
        } else {
            details = nil
        }
        return try await database.write("auditAppend") { db in
            let head = try Row.fetchOne(
                db, sql: "SELECT sequence, hash FROM egov_audit_log ORDER BY sequence DESC LIMIT 1")
            let entry = try AuditAppend.entry(
                appending: event,
                after: try head.map { row throws(StoreError) in
                    (
                        try StoredJSON.column(Int.self, row, 0, table: "egov_audit_log"),
                        try StoredJSON.column(String.self, row, 1, table: "egov_audit_log")
                    )
                }, at: clock.now(), hashFunction: hashFunction)
            try db.execute(
                sql: """
                    INSERT INTO egov_audit_log (sequence, time_ms, actor, action, subject, details, correlation_id,
                        hash_algorithm, previous_hash, hash)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    entry.sequence, Self.milliseconds(entry.time), event.actor, event.action, event.subject, details,
                    event.correlationID, entry.hashAlgorithm, entry.previousHash, entry.hash,
                ])
            return entry
        }
    }

    public func entries(from: Int, limit: Int) async throws -> [AuditEntry] {
        try AuditAppend.checkRange(from: from, limit: limit)
        return try await database.read("auditEntries") { db in
            try Self.selectRows(db, from: from, limit: limit).map { row throws(StoreError) in try Self.entry(row) }
        }
    }

    public var count: Int {
        get async throws {
            try await database.read("auditCount") { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM egov_audit_log") ?? 0
            }
        }
    }

    public func verify() async throws -> AuditVerification {
        let hashFunction = self.hashFunction
        return try await database.read("auditVerify") { db in
            AuditAppend.verify(
                rows: try Self.selectRows(db, from: 0, limit: Int.max), hashFunction: hashFunction, decode: Self.entry)
        }
    }

    private static func selectRows(_ db: Database, from: Int, limit: Int) throws -> [Row] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT sequence, time_ms, actor, action, subject, details, correlation_id, hash_algorithm,
                    previous_hash, hash
                FROM egov_audit_log WHERE sequence >= ? ORDER BY sequence LIMIT ?
                """,
            arguments: [from, Int64(clamping: limit)])
    }

    private static func entry(_ row: Row) throws(StoreError) -> AuditEntry {
        let table = "egov_audit_log"
        let details: [String: String]?
        if let text = try StoredJSON.column(String?.self, row, 5, table: table) {
            details = try StoredJSON.decode([String: String].self, Data(text.utf8), table: table)
        } else {
            details = nil
        }
        let event = AuditEvent(
            actor: try StoredJSON.column(String.self, row, 2, table: table),
            action: try StoredJSON.column(String.self, row, 3, table: table),
            subject: try StoredJSON.column(String.self, row, 4, table: table), details: details,
            correlationID: try StoredJSON.column(String?.self, row, 6, table: table))
        let milliseconds = try StoredJSON.column(Int64.self, row, 1, table: table)
        return AuditEntry(
            sequence: try StoredJSON.column(Int.self, row, 0, table: table),
            time: Date(timeIntervalSince1970: Double(milliseconds) / 1000), event: event,
            hashAlgorithm: try StoredJSON.column(String.self, row, 7, table: table),
            previousHash: try StoredJSON.column(String.self, row, 8, table: table),
            hash: try StoredJSON.column(String.self, row, 9, table: table))
    }

    private static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }
}
