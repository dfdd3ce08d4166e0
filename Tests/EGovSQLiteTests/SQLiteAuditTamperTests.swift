import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import GRDB
import Testing

@testable import EGovSQLite

/// Rows changed behind the log's back, with raw SQL, are detected by `verify()`.
@Suite struct SQLiteAuditTamperTests {
    private func filledLog() async throws -> (SQLiteDatabase, SQLiteAuditLog, Scratch) {
        let scratch = try Scratch()
        let database = try SQLiteDatabase(path: scratch.path("audit.sqlite"))
        let clock = ManualClock()
        let log = SQLiteAuditLog(database: database, hashFunction: HashAlgorithm.sha256, clock: clock)
        for index in 0..<5 {
            _ = try await log.append(
                AuditEvent(
                    actor: "svc", action: "case.updated", subject: "case-\(index)", details: ["step": "\(index)"]))
            clock.advance(by: 1)
        }
        #expect(try await log.verify().isValid)
        return (database, log, scratch)
    }

    @Test(arguments: [
        "UPDATE egov_audit_log SET subject = 'case-x' WHERE sequence = 2",
        "UPDATE egov_audit_log SET details = '{\"step\":\"9\"}' WHERE sequence = 2",
        "UPDATE egov_audit_log SET time_ms = time_ms + 1 WHERE sequence = 2",
        "UPDATE egov_audit_log SET hash = '00' || substr(hash, 3) WHERE sequence = 2",
        "UPDATE egov_audit_log SET details = 'not json' WHERE sequence = 2",
    ])
    func editedRowIsDetected(statement: String) async throws {
        let (database, log, scratch) = try await filledLog()
        defer { scratch.remove() }
        try await database.writer.write { db in try db.execute(sql: statement) }
        let verification = try await log.verify()
        #expect(!verification.isValid)
        #expect(verification.firstInvalidIndex == 2 || verification.firstInvalidIndex == 3)
    }

    @Test func deletedRowIsDetected() async throws {
        let (database, log, scratch) = try await filledLog()
        defer { scratch.remove() }
        try await database.writer.write { db in try db.execute(sql: "DELETE FROM egov_audit_log WHERE sequence = 1") }
        let verification = try await log.verify()
        #expect(!verification.isValid)
        #expect(verification.firstInvalidIndex == 1)
        #expect(verification.failure == .sequenceGap)
    }

    @Test func editIsDetectedAfterReopening() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("audit.sqlite")
        do {
            let log = SQLiteAuditLog(
                database: try SQLiteDatabase(path: path), hashFunction: HashAlgorithm.sha256, clock: ManualClock())
            for index in 0..<3 { _ = try await log.append(AuditEvent(actor: "a", action: "b", subject: "s\(index)")) }
        }
        let database = try SQLiteDatabase(path: path)
        let reopened = SQLiteAuditLog(database: database, hashFunction: HashAlgorithm.sha256, clock: ManualClock())
        #expect(try await reopened.count == 3)
        #expect(try await reopened.verify().isValid)
        try await database.writer.write { db in
            try db.execute(sql: "UPDATE egov_audit_log SET actor = 'someone-else' WHERE sequence = 0")
        }
        #expect(try await reopened.verify().failure == .hashMismatch)
    }
}
