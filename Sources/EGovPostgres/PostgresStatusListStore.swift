import EGovCertificates
import EGovCore
import Foundation
import PostgresNIO

/// A `StatusListStore` in a ``PostgresStoreDatabase`` (table `egov_status_lists`, one row per URI).
public final class PostgresStatusListStore: StatusListStore {
    private let database: PostgresStoreDatabase
    private static let table = "egov_status_lists"

    /// Creates a store in `database` (which must be migrated).
    public init(database: PostgresStoreDatabase) {
        self.database = database
    }

    public func save(_ snapshot: StatusListIssuerSnapshot) async throws(StoreError) {
        let body = try StoredText.encode(snapshot, table: Self.table)
        try await database.storeTransaction("statusListSave") { connection in
            try await connection.query(
                """
                INSERT INTO egov_status_lists (uri, body) VALUES (\(snapshot.uri), \(body))
                ON CONFLICT (uri) DO UPDATE SET body = excluded.body
                """, logger: self.database.logger)
        }
    }

    public func snapshot(uri: String) async throws(StoreError) -> StatusListIssuerSnapshot? {
        try await database.storeTransaction("statusListSnapshot") { connection in
            for try await body in try await connection.query(
                "SELECT body FROM egov_status_lists WHERE uri = \(uri)", logger: self.database.logger
            ).decode(String.self) {
                return try StoredText.decode(StatusListIssuerSnapshot.self, body, table: Self.table)
            }
            return nil
        }
    }

    public func uris() async throws(StoreError) -> [String] {
        try await database.storeTransaction("statusListURIs") { connection in
            var uris: [String] = []
            for try await uri in try await connection.query(
                "SELECT uri FROM egov_status_lists ORDER BY uri COLLATE \"C\"", logger: self.database.logger
            ).decode(String.self) {
                uris.append(uri)
            }
            return uris
        }
    }
}
