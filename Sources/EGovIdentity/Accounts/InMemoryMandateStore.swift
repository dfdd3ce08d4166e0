import EGovCore
import Foundation

/// A ``MandateStore`` in memory, wrapping a ``MandateRegistry`` value.
public actor InMemoryMandateStore: MandateStore {
    private var current: MandateRegistry

    /// Creates a store holding `registry` (empty by default).
    public init(_ registry: MandateRegistry = MandateRegistry()) {
        current = registry
    }

    public func register(_ account: OrganisationAccount) throws {
        try current.register(account)
    }

    public func update(_ account: OrganisationAccount) {
        current.update(account)
    }

    public func register(_ mandate: Mandate) throws {
        try current.register(mandate)
    }

    public func revoke(_ id: MandateID, at date: Date, by person: PersonID?) throws {
        try current.revoke(id, at: date, by: person)
    }

    public func registry(rolePolicy: RolePolicy) -> MandateRegistry {
        var snapshot = current
        snapshot.rolePolicy = rolePolicy
        return snapshot
    }
}
