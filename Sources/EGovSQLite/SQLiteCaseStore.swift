import EGovCatalogue
import EGovCore
import Foundation
import GRDB

/// A `CaseStore` in an ``SQLiteDatabase`` (table `egov_cases`); the transition count is a column
/// so that ``replace(_:expectedTransitionCount:)`` is one compare-and-set `UPDATE`.
public final class SQLiteCaseStore: CaseStore {
    private let database: SQLiteDatabase
    private static let table = "egov_cases"

    /// Creates a store in `database`.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func insert(_ applicationCase: ApplicationCase) async throws(StoreError) {
        let body = try StoredJSON.encode(applicationCase, table: Self.table)
        try await database.write("caseInsert") { db in
            try db.execute(
                sql: """
                    INSERT INTO egov_cases (id, department_id, is_open, submitted_at, transition_count, body)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    applicationCase.id, applicationCase.departmentID, applicationCase.isOpen,
                    applicationCase.submittedAt.timeIntervalSince1970, applicationCase.transitions.count, body,
                ])
        }
    }

    public func replace(_ applicationCase: ApplicationCase, expectedTransitionCount: Int) async throws(StoreError) {
        let body = try StoredJSON.encode(applicationCase, table: Self.table)
        try await database.write("caseReplace") { db in
            try db.execute(
                sql: """
                    UPDATE egov_cases SET department_id = ?, is_open = ?, transition_count = ?, body = ?
                    WHERE id = ? AND transition_count = ?
                    """,
                arguments: [
                    applicationCase.departmentID, applicationCase.isOpen, applicationCase.transitions.count, body,
                    applicationCase.id, expectedTransitionCount,
                ])
            guard db.changesCount == 1 else {
                let stored = try Int.fetchOne(
                    db, sql: "SELECT transition_count FROM egov_cases WHERE id = ?", arguments: [applicationCase.id])
                throw ApplicationCase.refusedReplacement(
                    storedTransitionCount: stored, expected: expectedTransitionCount)
            }
        }
    }

    public func applicationCase(id: String) async throws(StoreError) -> ApplicationCase? {
        try await database.read("case") { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT body FROM egov_cases WHERE id = ?", arguments: [id])
            else { return nil }
            return try StoredJSON.decode(
                ApplicationCase.self, StoredJSON.data(row, 0, table: Self.table), table: Self.table)
        }
    }

    public func openCases(departmentID: String?) async throws(StoreError) -> [ApplicationCase] {
        try await database.read("openCases") { db in
            let rows: [Row]
            if let departmentID {
                rows = try Row.fetchAll(
                    db,
                    sql:
                        "SELECT body FROM egov_cases WHERE is_open = 1 AND department_id = ? ORDER BY submitted_at, id",
                    arguments: [departmentID])
            } else {
                rows = try Row.fetchAll(
                    db, sql: "SELECT body FROM egov_cases WHERE is_open = 1 ORDER BY submitted_at, id")
            }
            return try rows.map { row throws(StoreError) in
                try StoredJSON.decode(
                    ApplicationCase.self, StoredJSON.data(row, 0, table: Self.table), table: Self.table)
            }
        }
    }
}
