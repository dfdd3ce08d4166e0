import EGovCatalogue
import EGovCore
import Foundation
import PostgresNIO

/// A `CaseStore` in a ``PostgresStoreDatabase`` (table `egov_cases`); the transition count is a column
/// so that ``replace(_:expectedTransitionCount:)`` is one compare-and-set `UPDATE`.
public final class PostgresCaseStore: CaseStore {
    private let database: PostgresStoreDatabase
    private static let table = "egov_cases"

    /// Creates a store in `database` (which must be migrated).
    public init(database: PostgresStoreDatabase) {
        self.database = database
    }

    public func insert(_ applicationCase: ApplicationCase) async throws(StoreError) {
        let body = try StoredText.encode(applicationCase, table: Self.table)
        try await database.storeTransaction("caseInsert") { connection in
            try await connection.query(
                """
                INSERT INTO egov_cases (id, department_id, is_open, submitted_at, transition_count, body)
                VALUES (\(applicationCase.id), \(applicationCase.departmentID), \(applicationCase.isOpen),
                    \(applicationCase.submittedAt.timeIntervalSince1970), \(applicationCase.transitions.count), \(body))
                """, logger: self.database.logger)
        }
    }

    public func replace(_ applicationCase: ApplicationCase, expectedTransitionCount: Int) async throws(StoreError) {
        let body = try StoredText.encode(applicationCase, table: Self.table)
        try await database.storeTransaction("caseReplace") { connection in
            var changed = false
            for try await _ in try await connection.query(
                """
                UPDATE egov_cases SET department_id = \(applicationCase.departmentID), is_open = \(applicationCase.isOpen),
                    transition_count = \(applicationCase.transitions.count), body = \(body)
                WHERE id = \(applicationCase.id) AND transition_count = \(expectedTransitionCount)
                RETURNING id
                """, logger: self.database.logger
            ).decode(String.self) {
                changed = true
            }
            guard changed else {
                var stored: Int?
                for try await count in try await connection.query(
                    "SELECT transition_count FROM egov_cases WHERE id = \(applicationCase.id)",
                    logger: self.database.logger
                ).decode(Int.self) {
                    stored = count
                }
                throw ApplicationCase.refusedReplacement(
                    storedTransitionCount: stored, expected: expectedTransitionCount)
            }
        }
    }

    public func applicationCase(id: String) async throws(StoreError) -> ApplicationCase? {
        try await database.storeTransaction("case") { connection in
            for try await body in try await connection.query(
                "SELECT body FROM egov_cases WHERE id = \(id)", logger: self.database.logger
            ).decode(String.self) {
                return try StoredText.decode(ApplicationCase.self, body, table: Self.table)
            }
            return nil
        }
    }

    public func openCases(departmentID: String?) async throws(StoreError) -> [ApplicationCase] {
        try await database.storeTransaction("openCases") { connection in
            let query: PostgresQuery =
                if let departmentID {
                    """
                    SELECT body FROM egov_cases WHERE is_open AND department_id = \(departmentID)
                    ORDER BY submitted_at, id COLLATE "C"
                    """
                } else {
                    "SELECT body FROM egov_cases WHERE is_open ORDER BY submitted_at, id COLLATE \"C\""
                }
            var cases: [ApplicationCase] = []
            for try await body in try await connection.query(query, logger: self.database.logger).decode(String.self) {
                cases.append(try StoredText.decode(ApplicationCase.self, body, table: Self.table))
            }
            return cases
        }
    }
}
