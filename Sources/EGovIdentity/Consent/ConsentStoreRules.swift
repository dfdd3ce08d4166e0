import EGovCore
import Foundation

// The rules every ``ConsentStore`` applies, written once: the in-memory, SQLite and PostgreSQL
// stores call them and only persist and query (the durable stores' conditional
// `UPDATE … WHERE revoked_at IS NULL` keeps concurrent revocations to one winner).

extension ConsentGrant {
    /// ``ConsentStore/revoke(_:at:)`` on the stored grant `stored`: the grant revoked at `time`,
    /// or `nil` when it is already revoked (it stays unchanged).
    ///
    /// - Throws: `StoreError/notFound` when no grant is stored.
    public static func revocation(of stored: ConsentGrant?, at time: Date) throws(StoreError) -> ConsentGrant? {
        guard var grant = stored else { throw .notFound }
        guard grant.revokedAt == nil else { return nil }
        grant.revokedAt = time
        return grant
    }

    /// `grants` in the order of ``ConsentStore/grants(ofPerson:)``: oldest ``validFrom`` first,
    /// ties by id.
    public static func inStoreOrder(_ grants: some Sequence<ConsentGrant>) -> [ConsentGrant] {
        grants.sorted { ($0.validFrom, $0.id) < ($1.validFrom, $1.id) }
    }
}
