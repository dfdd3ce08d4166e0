import EGovCertificates
import EGovCore
import Foundation
import GRDB

/// A `StatusListStore` in an ``SQLiteDatabase`` (table `egov_status_lists`, one row per URI).
public final class SQLiteStatusListStore: StatusListStore {
    private let database: SQLiteDatabase
    private static let table = "egov_status_lists"

    /// Creates a store in `database`.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func save(_ snapshot: StatusListIssuerSnapshot) async throws(StoreError) {
        let body = try StoredJSON.encode(snapshot, table: Self.table)
        try await database.write("statusListSave") { db in
            try db.execute(
                sql: """
                    INSERT INTO egov_status_lists (uri, body) VALUES (?, ?)
                    ON CONFLICT (uri) DO UPDATE SET body = excluded.body
                    """,
                arguments: [snapshot.uri, body])
        }
    }

    public func snapshot(uri: String) async throws(StoreError) -> StatusListIssuerSnapshot? {
        try await database.read("statusListSnapshot") { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT body FROM egov_status_lists WHERE uri = ?", arguments: [uri])
            else { return nil }
            return try StoredJSON.decode(
                StatusListIssuerSnapshot.self, StoredJSON.data(row, 0, table: Self.table), table: Self.table)
        }
    }

    public func uris() async throws(StoreError) -> [String] {
        try await database.read("statusListURIs") { db in
            try String.fetchAll(db, sql: "SELECT uri FROM egov_status_lists ORDER BY uri")
        }
    }
}
