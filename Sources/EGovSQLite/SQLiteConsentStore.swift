import EGovCore
import EGovIdentity
import Foundation
import GRDB

/// A `ConsentStore` in an ``SQLiteDatabase`` (table `egov_consent_grants`).
public final class SQLiteConsentStore: ConsentStore {
    private let database: SQLiteDatabase
    private static let table = "egov_consent_grants"

    /// Creates a store in `database`.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func insert(_ grant: ConsentGrant) async throws(StoreError) {
        let body = try StoredJSON.encode(grant, table: Self.table)
        try await database.write("consentInsert") { db in
            try db.execute(
                sql: "INSERT INTO egov_consent_grants (id, person_account_id, revoked_at, body) VALUES (?, ?, ?, ?)",
                arguments: [grant.id, grant.personAccountID, grant.revokedAt?.timeIntervalSince1970, body])
        }
    }

    public func revoke(_ id: String, at time: Date) async throws(StoreError) -> ConsentGrant? {
        try await database.write("consentRevoke") { db in
            let stored = try Row.fetchOne(
                db, sql: "SELECT body FROM egov_consent_grants WHERE id = ?", arguments: [id]
            ).map { row throws(StoreError) in
                try StoredJSON.decode(ConsentGrant.self, StoredJSON.data(row, 0, table: Self.table), table: Self.table)
            }
            guard let grant = try ConsentGrant.revocation(of: stored, at: time) else { return nil }
            try db.execute(
                sql: "UPDATE egov_consent_grants SET revoked_at = ?, body = ? WHERE id = ? AND revoked_at IS NULL",
                arguments: [time.timeIntervalSince1970, try StoredJSON.encode(grant, table: Self.table), id])
            return db.changesCount == 1 ? grant : nil
        }
    }

    public func grant(id: String) async throws(StoreError) -> ConsentGrant? {
        try await database.read("consentGrant") { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT body FROM egov_consent_grants WHERE id = ?", arguments: [id])
            else { return nil }
            return try StoredJSON.decode(
                ConsentGrant.self, StoredJSON.data(row, 0, table: Self.table), table: Self.table)
        }
    }

    public func grants(ofPerson personAccountID: String) async throws(StoreError) -> [ConsentGrant] {
        try await database.read("consentGrants") { db in
            ConsentGrant.inStoreOrder(
                try Row.fetchAll(
                    db, sql: "SELECT body FROM egov_consent_grants WHERE person_account_id = ?",
                    arguments: [personAccountID]
                ).map { row throws(StoreError) in
                    try StoredJSON.decode(
                        ConsentGrant.self, StoredJSON.data(row, 0, table: Self.table), table: Self.table)
                })
        }
    }
}
