import EGovCore
import Foundation
import PostgresNIO

/// An `AuditLog` in a ``PostgresStoreDatabase`` (table `egov_audit_log`, the event's fields in
/// columns). The chain rules are EGovCore's `AuditAppend`; this log persists the entries and
/// queries them.
///
/// Appends from every process are serialised by a transaction-scoped advisory lock, so the chain
/// stays gap-free; the primary key on `sequence` backs that up. ``verify()`` recomputes every hash
/// from the stored columns, so a row changed with raw SQL is reported.
public final class PostgresAuditLog: AuditLog {
    private let database: PostgresStoreDatabase
    private let hashFunction: any HashFunction
    private let clock: any WallClock

    /// Creates a log in `database` (which must be migrated).
    public init(database: PostgresStoreDatabase, hashFunction: any HashFunction, clock: any WallClock) {
        self.database = database
        self.hashFunction = hashFunction
        self.clock = clock
    }

    public func append(_ event: AuditEvent) async throws -> AuditEntry {
        let details = try event.details.map { details throws(StoreError) in
            try StoredText.encode(details, table: "egov_audit_log")
        }
        let logger = database.logger
        return try await database.storeTransaction("auditAppend") { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(7243002)", logger: logger)
            var head: (sequence: Int, hash: String)?
            let rows = try await connection.query(
                "SELECT sequence, hash FROM egov_audit_log ORDER BY sequence DESC LIMIT 1", logger: logger)
            for try await row in rows.decode((Int, String).self) { head = row }
            let entry = try AuditAppend.entry(
                appending: event, after: head, at: self.clock.now(), hashFunction: self.hashFunction)
            let milliseconds = Int64((entry.time.timeIntervalSince1970 * 1000).rounded())
            try await connection.query(
                """
                INSERT INTO egov_audit_log (sequence, time_ms, actor, action, subject, details, correlation_id,
                    hash_algorithm, previous_hash, hash)
                VALUES (\(Int64(entry.sequence)), \(milliseconds), \(event.actor), \(event.action), \(event.subject),
                    \(details), \(event.correlationID), \(entry.hashAlgorithm), \(entry.previousHash), \(entry.hash))
                """, logger: logger)
            return entry
        }
    }

    public func entries(from: Int, limit: Int) async throws -> [AuditEntry] {
        try AuditAppend.checkRange(from: from, limit: limit)
        let rows = try await select(from: from, limit: limit)
        return try rows.map { row throws(StoreError) in try Self.entry(row) }
    }

    public var count: Int {
        get async throws {
            try await database.storeTransaction("auditCount") { connection in
                let rows = try await connection.query(
                    "SELECT COUNT(*) FROM egov_audit_log", logger: self.database.logger)
                for try await value in rows.decode(Int.self) { return value }
                return 0
            }
        }
    }

    public func verify() async throws -> AuditVerification {
        let rows = try await select(from: 0, limit: Int(Int32.max))
        return AuditAppend.verify(rows: rows, hashFunction: hashFunction) { row in try Self.entry(row) }
    }

    private typealias StoredRow = (Int, Int64, String, String, String, String?, String?, String, String, String)

    private func select(from: Int, limit: Int) async throws(StoreError) -> [StoredRow] {
        try await database.storeTransaction("auditEntries") { connection in
            let rows = try await connection.query(
                """
                SELECT sequence, time_ms, actor, action, subject, details, correlation_id, hash_algorithm,
                    previous_hash, hash
                FROM egov_audit_log WHERE sequence >= \(Int64(from)) ORDER BY sequence LIMIT \(Int64(limit))
                """, logger: self.database.logger)
            var result: [StoredRow] = []
            for try await row in rows.decode(StoredRow.self) { result.append(row) }
            return result
        }
    }

    private static func entry(_ row: StoredRow) throws(StoreError) -> AuditEntry {
        let details = try row.5.map { text throws(StoreError) in
            try StoredText.decode([String: String].self, text, table: "egov_audit_log")
        }
        let event = AuditEvent(actor: row.2, action: row.3, subject: row.4, details: details, correlationID: row.6)
        return AuditEntry(
            sequence: row.0, time: Date(timeIntervalSince1970: Double(row.1) / 1000), event: event,
            hashAlgorithm: row.7, previousHash: row.8, hash: row.9)
    }
}
