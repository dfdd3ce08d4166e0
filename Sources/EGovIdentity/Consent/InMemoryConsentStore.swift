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
        guard var grant = grants[id] else { throw .notFound }
        guard grant.revokedAt == nil else { return nil }
        grant.revokedAt = time
        grants[id] = grant
        return grant
    }

    public func grant(id: String) -> ConsentGrant? { grants[id] }

    public func grants(ofPerson personAccountID: String) -> [ConsentGrant] {
        grants.values.filter { $0.personAccountID == personAccountID }
            .sorted { ($0.validFrom, $0.id) < ($1.validFrom, $1.id) }
    }
}
