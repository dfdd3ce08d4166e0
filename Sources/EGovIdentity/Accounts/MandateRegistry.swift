import EGovCore
import Foundation

/// Organisation accounts and the mandates they granted, answering who may act for whom.
///
/// A value type: mutations return or produce a new state (``registering(_:)``,
/// ``revoking(_:at:by:)``), so a decision can always be reproduced from a snapshot.
///
/// Decision rules of ``canAct(person:for:action:service:at:)``, in order:
/// 1. no account for the organisation → ``ActingDecisionReason/unknownOrganisation``;
/// 2. the person has never been a member and holds no mandate from it →
///    ``ActingDecisionReason/wrongOrganisation`` if they are a member or mandatee of another
///    registered organisation, else ``ActingDecisionReason/notAMember``;
/// 3. a membership in force whose role implies the action (``RolePolicy``) →
///    ``ActingDecisionReason/allowedByRole(_:)`` (roles apply to every service);
/// 4. if the policy requires membership for mandates and none is in force →
///    ``ActingDecisionReason/membershipNotYetValid`` or ``ActingDecisionReason/membershipEnded``;
/// 5. a mandate from the organisation to the person, in force and covering service and action →
///    ``ActingDecisionReason/allowedByMandate(_:)``;
/// 6. otherwise the most specific denial: no mandate at all → ``ActingDecisionReason/noMandate``;
///    a mandate in force but out of scope → service/action out of scope; else the time reason of
///    the mandates (revoked, expired, not yet valid).
public struct MandateRegistry: Hashable, Codable, Sendable {
    /// The organisation accounts by organisation.
    public private(set) var accounts: [OrganisationID: OrganisationAccount]
    /// The mandates by id, including revoked and expired ones.
    public private(set) var mandates: [MandateID: Mandate]
    /// The role rules.
    public var rolePolicy: RolePolicy

    /// Creates a registry.
    public init(rolePolicy: RolePolicy = .standard) {
        accounts = [:]
        mandates = [:]
        self.rolePolicy = rolePolicy
    }

    /// Adds an organisation account.
    ///
    /// - Throws: ``IdentityError/duplicateOrganisationAccount(organisation:)``.
    public mutating func register(_ account: OrganisationAccount) throws(IdentityError) {
        guard accounts[account.organisation] == nil else {
            throw .duplicateOrganisationAccount(organisation: account.organisation)
        }
        accounts[account.organisation] = account
    }

    /// Replaces the account of its organisation (e.g. after membership changes).
    public mutating func update(_ account: OrganisationAccount) {
        accounts[account.organisation] = account
    }

    /// Adds a mandate.
    ///
    /// - Throws: ``IdentityError/duplicateMandate(id:)`` or
    ///   ``IdentityError/invalidValidityPeriod`` if it ends before it starts.
    public mutating func register(_ mandate: Mandate) throws(IdentityError) {
        guard mandates[mandate.id] == nil else { throw .duplicateMandate(id: mandate.id) }
        try mandate.checkValidityPeriod()
        mandates[mandate.id] = mandate
    }

    /// Returns a copy with `mandate` added (see ``register(_:)-(Mandate)``).
    public func registering(_ mandate: Mandate) throws(IdentityError) -> MandateRegistry {
        var copy = self
        try copy.register(mandate)
        return copy
    }

    /// Revokes a mandate at `date`, recording who revoked it.
    ///
    /// - Throws: ``IdentityError/unknownMandate(id:)``.
    public mutating func revoke(_ id: MandateID, at date: Date, by person: PersonID? = nil) throws(IdentityError) {
        mandates[id] = try Mandate.revocation(of: mandates[id], id: id, at: date, by: person)
    }

    /// Returns a copy with the mandate revoked (see ``revoke(_:at:by:)``).
    public func revoking(_ id: MandateID, at date: Date, by person: PersonID? = nil) throws(IdentityError)
        -> MandateRegistry
    {
        var copy = self
        try copy.revoke(id, at: date, by: person)
        return copy
    }

    /// Decides whether `person` may perform `action` in `service` for `organisation` at `date`.
    public func canAct(
        person: PersonID, for organisation: OrganisationID, action: ServiceAction, service: ServiceID, at date: Date
    ) -> ActingDecision {
        guard let account = accounts[organisation] else { return ActingDecision(.unknownOrganisation) }
        let memberships = account.memberships(of: person)
        let relevantMandates = mandates.values
            .filter { $0.grantee == person && $0.grantor == organisation }
            .sorted { $0.id.rawValue < $1.id.rawValue }

        if memberships.isEmpty && relevantMandates.isEmpty {
            return ActingDecision(actsElsewhere(person, except: organisation) ? .wrongOrganisation : .notAMember)
        }

        let inForce = memberships.filter { $0.isInForce(at: date) }
        if let membership = inForce.first(where: { rolePolicy.allows($0.role, action) }) {
            return ActingDecision(.allowedByRole(membership.role))
        }

        if rolePolicy.mandatesRequireMembership && inForce.isEmpty {
            if memberships.isEmpty { return ActingDecision(.notAMember) }
            let startsLater = memberships.contains { date < $0.from }
            return ActingDecision(startsLater ? .membershipNotYetValid : .membershipEnded)
        }

        guard !relevantMandates.isEmpty else { return ActingDecision(.noMandate) }
        if let mandate = relevantMandates.first(where: {
            $0.timeDenial(at: date) == nil && $0.scopeDenial(action: action, service: service) == nil
        }) {
            return ActingDecision(.allowedByMandate(mandate.id))
        }
        let scopeDenials = relevantMandates.filter { $0.timeDenial(at: date) == nil }
            .compactMap { $0.scopeDenial(action: action, service: service) }
        if let denial = scopeDenials.first(where: { $0 == .actionOutOfScope }) ?? scopeDenials.first {
            // A mandate covering the service but not the action is the closer miss.
            return ActingDecision(denial)
        }
        let timeDenials = relevantMandates.compactMap { $0.timeDenial(at: date) }
        for reason in [ActingDecisionReason.mandateNotYetValid, .mandateExpired, .mandateRevoked]
        where timeDenials.contains(reason) {
            return ActingDecision(reason)
        }
        return ActingDecision(.noMandate)
    }

    private func actsElsewhere(_ person: PersonID, except organisation: OrganisationID) -> Bool {
        accounts.values.contains { $0.organisation != organisation && !$0.memberships(of: person).isEmpty }
            || mandates.values.contains { $0.grantee == person && $0.grantor != organisation }
    }
}
