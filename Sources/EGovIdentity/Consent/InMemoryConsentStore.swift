import EGovCore
import Foundation

/// A ``ConsentStore`` in memory: the default of ``ConsentRegistry``, for tests and
/// single-process use. Grants are lost when the process ends.
public actor InMemoryConsentStore: ConsentStore {
    private var grants: [String: ConsentGrant] = [:]

    /// Creates an empty store.
    public init() {}

    public func insert(_ grant: ConsentGrant) throws(StoreError) {
        guard grants[grant.id] == nil else { throw .duplicate }
        grants[grant.id] = grant
    }

    public func revoke(_ id: String, at time: Date) throws(StoreError) -> ConsentGrant? {
        guard let revoked = try ConsentGrant.revocation(of: grants[id], at: time) else { return nil }
        grants[id] = revoked
        return revoked
    }

    public func grant(id: String) -> ConsentGrant? { grants[id] }

    public func grants(ofPerson personAccountID: String) -> [ConsentGrant] {
        ConsentGrant.inStoreOrder(grants.values.filter { $0.personAccountID == personAccountID })
    }
}
