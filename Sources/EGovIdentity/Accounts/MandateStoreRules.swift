import EGovCore
import Foundation

// The rules every ``MandateStore`` applies, written once: the in-memory store runs them through
// ``MandateRegistry``, the SQLite and PostgreSQL stores call them inside their transaction and
// only persist and query (uniqueness is their primary keys').

extension Mandate {
    /// Checks that the mandate does not end before it starts.
    ///
    /// - Throws: ``IdentityError/invalidValidityPeriod``.
    public func checkValidityPeriod() throws(IdentityError) {
        if let validUntil, validUntil < validFrom { throw .invalidValidityPeriod }
    }

    /// The stored mandate `stored` (looked up by `id`) revoked at `date` by `person`.
    ///
    /// - Throws: ``IdentityError/unknownMandate(id:)`` when none is stored.
    public static func revocation(of stored: Mandate?, id: MandateID, at date: Date, by person: PersonID?)
        throws(IdentityError) -> Mandate
    {
        guard let stored else { throw .unknownMandate(id: id) }
        return stored.revoked(at: date, by: person)
    }
}

extension MandateRegistry {
    /// The snapshot of a durable store's rows, with `rolePolicy`.
    ///
    /// - Throws: ``StoreError/corruptRecord(table:)`` when the stored mandates break the registry's
    ///   rules (a duplicate id, an invalid validity period).
    package init(rolePolicy: RolePolicy, accounts: [OrganisationAccount], mandates: [Mandate]) throws(StoreError) {
        self.init(rolePolicy: rolePolicy)
        for account in accounts { update(account) }
        for mandate in mandates {
            do { try register(mandate) } catch { throw .corruptRecord(table: "egov_mandates") }
        }
    }
}
