import EGovCore
import EGovIdentity
import Foundation
import GRDB

/// A `MandateStore` in an ``SQLiteDatabase`` (tables `egov_organisation_accounts` and
/// `egov_mandates`). Uniqueness is enforced by the primary keys.
public final class SQLiteMandateStore: MandateStore {
    private let database: SQLiteDatabase

    /// Creates a store in `database`.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    public func register(_ account: OrganisationAccount) async throws {
        let body = try StoredJSON.encode(account, table: "egov_organisation_accounts")
        do {
            try await database.write("accountRegister") { db in
                try db.execute(
                    sql: "INSERT INTO egov_organisation_accounts (organisation, body) VALUES (?, ?)",
                    arguments: [account.organisation.rawValue, body])
            }
        } catch .duplicate {
            throw IdentityError.duplicateOrganisationAccount(organisation: account.organisation)
        }
    }

    public func update(_ account: OrganisationAccount) async throws {
        let body = try StoredJSON.encode(account, table: "egov_organisation_accounts")
        try await database.write("accountUpdate") { db in
            try db.execute(
                sql: """
                    INSERT INTO egov_organisation_accounts (organisation, body) VALUES (?, ?)
                    ON CONFLICT (organisation) DO UPDATE SET body = excluded.body
                    """,
                arguments: [account.organisation.rawValue, body])
        }
    }

    public func register(_ mandate: Mandate) async throws {
        try mandate.checkValidityPeriod()
        let body = try StoredJSON.encode(mandate, table: "egov_mandates")
        do {
            try await database.write("mandateRegister") { db in
                try db.execute(
                    sql: "INSERT INTO egov_mandates (id, body) VALUES (?, ?)", arguments: [mandate.id.rawValue, body])
            }
        } catch .duplicate {
            throw IdentityError.duplicateMandate(id: mandate.id)
        }
    }

    public func revoke(_ id: MandateID, at date: Date, by person: PersonID?) async throws {
        let table = "egov_mandates"
        do {
            try await database.writer.write { db in
                let stored = try Row.fetchOne(
                    db, sql: "SELECT body FROM egov_mandates WHERE id = ?", arguments: [id.rawValue]
                ).map { row throws(StoreError) in
                    try StoredJSON.decode(Mandate.self, StoredJSON.data(row, 0, table: table), table: table)
                }
                let revoked = try Mandate.revocation(of: stored, id: id, at: date, by: person)
                try db.execute(
                    sql: "UPDATE egov_mandates SET body = ? WHERE id = ?",
                    arguments: [try StoredJSON.encode(revoked, table: table), id.rawValue])
            }
        } catch let error as IdentityError {
            throw error
        } catch {
            throw SQLiteErrors.map(error, operation: "mandateRevoke")
        }
    }

    public func registry(rolePolicy: RolePolicy) async throws -> MandateRegistry {
        let (accounts, mandates) = try await database.read("mandateRegistry") { db in
            let accounts = try Row.fetchAll(
                db, sql: "SELECT body FROM egov_organisation_accounts ORDER BY organisation"
            )
            .map { row throws(StoreError) in
                try StoredJSON.decode(
                    OrganisationAccount.self, StoredJSON.data(row, 0, table: "egov_organisation_accounts"),
                    table: "egov_organisation_accounts")
            }
            let mandates = try Row.fetchAll(db, sql: "SELECT body FROM egov_mandates ORDER BY id")
                .map { row throws(StoreError) in
                    try StoredJSON.decode(
                        Mandate.self, StoredJSON.data(row, 0, table: "egov_mandates"), table: "egov_mandates")
                }
            return (accounts, mandates)
        }
        return try MandateRegistry(rolePolicy: rolePolicy, accounts: accounts, mandates: mandates)
    }
}
