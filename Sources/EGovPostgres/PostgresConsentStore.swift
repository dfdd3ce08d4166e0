import EGovCore
import EGovIdentity
import Foundation
import PostgresNIO

/// A `ConsentStore` in a ``PostgresStoreDatabase`` (table `egov_consent_grants`); revocation is one
/// conditional `UPDATE … WHERE revoked_at IS NULL`, so exactly one of concurrent revocations wins.
public final class PostgresConsentStore: ConsentStore {
    private let database: PostgresStoreDatabase
    private static let table = "egov_consent_grants"

    /// Creates a store in `database` (which must be migrated).
    public init(database: PostgresStoreDatabase) {
        self.database = database
    }

    public func insert(_ grant: ConsentGrant) async throws(StoreError) {
        let body = try StoredText.encode(grant, table: Self.table)
        try await database.storeTransaction("consentInsert") { connection in
            try await connection.query(
                """
                INSERT INTO egov_consent_grants (id, person_account_id, revoked_at, body)
                VALUES (\(grant.id), \(grant.personAccountID), \(grant.revokedAt?.timeIntervalSince1970), \(body))
                """, logger: self.database.logger)
        }
    }

    public func revoke(_ id: String, at time: Date) async throws(StoreError) -> ConsentGrant? {
        try await database.storeTransaction("consentRevoke") { connection in
            var stored: ConsentGrant?
            for try await body in try await connection.query(
                "SELECT body FROM egov_consent_grants WHERE id = \(id) FOR UPDATE", logger: self.database.logger
            ).decode(String.self) {
                stored = try StoredText.decode(ConsentGrant.self, body, table: Self.table)
            }
            guard let grant = try ConsentGrant.revocation(of: stored, at: time) else { return nil }
            let body = try StoredText.encode(grant, table: Self.table)
            var changed = false
            for try await _ in try await connection.query(
                """
                UPDATE egov_consent_grants SET revoked_at = \(time.timeIntervalSince1970), body = \(body)
                WHERE id = \(id) AND revoked_at IS NULL RETURNING id
                """, logger: self.database.logger
            ).decode(String.self) {
                changed = true
            }
            return changed ? grant : nil
        }
    }

    public func grant(id: String) async throws(StoreError) -> ConsentGrant? {
        try await database.storeTransaction("consentGrant") { connection in
            for try await body in try await connection.query(
                "SELECT body FROM egov_consent_grants WHERE id = \(id)", logger: self.database.logger
            ).decode(String.self) {
                return try StoredText.decode(ConsentGrant.self, body, table: Self.table)
            }
            return nil
        }
    }

    public func grants(ofPerson personAccountID: String) async throws(StoreError) -> [ConsentGrant] {
        try await database.storeTransaction("consentGrants") { connection in
            var grants: [ConsentGrant] = []
            for try await body in try await connection.query(
                "SELECT body FROM egov_consent_grants WHERE person_account_id = \(personAccountID)",
                logger: self.database.logger
            ).decode(String.self) {
                grants.append(try StoredText.decode(ConsentGrant.self, body, table: Self.table))
            }
            return ConsentGrant.inStoreOrder(grants)
        }
    }
}
