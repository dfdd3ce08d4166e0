import EGovCore
import EGovIdentity
import Foundation
import PostgresNIO

/// A `MandateStore` in a ``PostgresStoreDatabase`` (tables `egov_organisation_accounts` and
/// `egov_mandates`); uniqueness is enforced by the primary keys.
public final class PostgresMandateStore: MandateStore {
    private let database: PostgresStoreDatabase

    /// Creates a store in `database` (which must be migrated).
    public init(database: PostgresStoreDatabase) {
        self.database = database
    }

    public func register(_ account: OrganisationAccount) async throws {
        let body = try StoredText.encode(account, table: "egov_organisation_accounts")
        do {
            try await database.storeTransaction("accountRegister") { connection in
                try await connection.query(
                    "INSERT INTO egov_organisation_accounts (organisation, body) VALUES (\(account.organisation.rawValue), \(body))",
                    logger: self.database.logger)
            }
        } catch .duplicate {
            throw IdentityError.duplicateOrganisationAccount(organisation: account.organisation)
        }
    }

    public func update(_ account: OrganisationAccount) async throws {
        let body = try StoredText.encode(account, table: "egov_organisation_accounts")
        try await database.storeTransaction("accountUpdate") { connection in
            try await connection.query(
                """
                INSERT INTO egov_organisation_accounts (organisation, body) VALUES (\(account.organisation.rawValue), \(body))
                ON CONFLICT (organisation) DO UPDATE SET body = excluded.body
                """, logger: self.database.logger)
        }
    }

    public func register(_ mandate: Mandate) async throws {
        try mandate.checkValidityPeriod()
        let body = try StoredText.encode(mandate, table: "egov_mandates")
        do {
            try await database.storeTransaction("mandateRegister") { connection in
                try await connection.query(
                    "INSERT INTO egov_mandates (id, body) VALUES (\(mandate.id.rawValue), \(body))",
                    logger: self.database.logger)
            }
        } catch .duplicate {
            throw IdentityError.duplicateMandate(id: mandate.id)
        }
    }

    public func revoke(_ id: MandateID, at date: Date, by person: PersonID?) async throws {
        try await database.transaction("mandateRevoke") { connection in
            var stored: Mandate?
            for try await body in try await connection.query(
                "SELECT body FROM egov_mandates WHERE id = \(id.rawValue) FOR UPDATE", logger: self.database.logger
            ).decode(String.self) {
                stored = try StoredText.decode(Mandate.self, body, table: "egov_mandates")
            }
            let revoked = try Mandate.revocation(of: stored, id: id, at: date, by: person)
            let body = try StoredText.encode(revoked, table: "egov_mandates")
            try await connection.query(
                "UPDATE egov_mandates SET body = \(body) WHERE id = \(id.rawValue)", logger: self.database.logger)
        }
    }

    public func registry(rolePolicy: RolePolicy) async throws -> MandateRegistry {
        let (accounts, mandates) = try await database.storeTransaction("mandateRegistry") { connection in
            var accounts: [OrganisationAccount] = []
            for try await body in try await connection.query(
                "SELECT body FROM egov_organisation_accounts ORDER BY organisation", logger: self.database.logger
            ).decode(String.self) {
                accounts.append(
                    try StoredText.decode(OrganisationAccount.self, body, table: "egov_organisation_accounts"))
            }
            var mandates: [Mandate] = []
            for try await body in try await connection.query(
                "SELECT body FROM egov_mandates ORDER BY id", logger: self.database.logger
            ).decode(String.self) {
                mandates.append(try StoredText.decode(Mandate.self, body, table: "egov_mandates"))
            }
            return (accounts, mandates)
        }
        return try MandateRegistry(rolePolicy: rolePolicy, accounts: accounts, mandates: mandates)
    }
}
