import EGovCore
import Foundation

/// An authorisation by an organisation for a person to act on its behalf within a scope and a
/// period (授權 / mandato).
///
/// The validity period is half-open: in force from ``validFrom`` (inclusive) until
/// ``validUntil`` (exclusive), and not from ``revokedAt`` on. Revocation produces a new value
/// (``revoked(at:by:)``); mandates are never deleted so that past acts stay explainable.
public struct Mandate: Hashable, Codable, Sendable, Identifiable {
    /// The mandate id.
    public let id: MandateID
    /// The organisation that grants the mandate.
    public var grantor: OrganisationID
    /// The person who may act.
    public var grantee: PersonID
    /// What the grantee may do.
    public var scope: MandateScope
    /// Start of validity (inclusive).
    public var validFrom: Date
    /// End of validity (exclusive), if any.
    public var validUntil: Date?
    /// When the mandate was revoked, if it was.
    public var revokedAt: Date?
    /// Who revoked it, if recorded.
    public var revokedBy: PersonID?
    /// The person who granted the mandate on the organisation's behalf.
    public var grantedBy: PersonID

    /// Creates a mandate.
    public init(
        id: MandateID, grantor: OrganisationID, grantee: PersonID, scope: MandateScope, validFrom: Date,
        validUntil: Date? = nil, grantedBy: PersonID, revokedAt: Date? = nil, revokedBy: PersonID? = nil
    ) {
        self.id = id
        self.grantor = grantor
        self.grantee = grantee
        self.scope = scope
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.grantedBy = grantedBy
        self.revokedAt = revokedAt
        self.revokedBy = revokedBy
    }

    /// Returns a copy revoked at `date`. An earlier revocation is kept: revoking twice never
    /// moves the revocation later.
    public func revoked(at date: Date, by person: PersonID? = nil) -> Mandate {
        var copy = self
        if let existing = revokedAt, existing <= date { return copy }
        copy.revokedAt = date
        copy.revokedBy = person
        return copy
    }

    /// Why the mandate is not in force at `date`, or `nil` if it is. Revocation wins over
    /// expiry, expiry over "not yet valid".
    public func timeDenial(at date: Date) -> ActingDecisionReason? {
        if let revokedAt, revokedAt <= date { return .mandateRevoked }
        if let validUntil, validUntil <= date { return .mandateExpired }
        if date < validFrom { return .mandateNotYetValid }
        return nil
    }

    /// Why `action` in `service` is outside the scope, or `nil` if it is inside.
    public func scopeDenial(action: ServiceAction, service: ServiceID) -> ActingDecisionReason? {
        if !scope.services.contains(service) { return .serviceOutOfScope }
        if !scope.actions.contains(action) { return .actionOutOfScope }
        return nil
    }
}
