import Foundation
import Testing

@testable import EGovIdentity

@Suite("Accounts, roles and mandates")
struct MandateRegistryTests {
    let company = OrganisationID(test: "company")
    let other = OrganisationID(test: "other-company")
    let boss = PersonID(test: "legal-rep")
    let clerk = PersonID(test: "clerk")
    let leaver = PersonID(test: "leaver")
    let newcomer = PersonID(test: "newcomer")
    let outsider = PersonID(test: "outsider")
    let licensing = ServiceID(test: "licence-renewal")
    let tax = ServiceID(test: "tax-return")
    let now = utc(2026, 6, 1)

    func registry(mandates: [Mandate] = []) throws -> MandateRegistry {
        var registry = MandateRegistry()
        try registry.register(
            OrganisationAccount(
                id: AccountID(test: "acc-1"), organisation: company,
                members: [
                    Membership(person: boss, role: .legalRepresentative, from: utc(2020, 1, 1)),
                    Membership(person: clerk, role: .authorisedStaff, from: utc(2024, 1, 1)),
                    Membership(person: leaver, role: .authorisedStaff, from: utc(2020, 1, 1), until: utc(2026, 1, 1)),
                    Membership(person: newcomer, role: .authorisedStaff, from: utc(2027, 1, 1)),
                ], openedAt: utc(2020, 1, 1)))
        try registry.register(
            OrganisationAccount(
                id: AccountID(test: "acc-2"), organisation: other,
                members: [Membership(person: outsider, role: .director, from: utc(2020, 1, 1))],
                openedAt: utc(2020, 1, 1)))
        for mandate in mandates { try registry.register(mandate) }
        return registry
    }

    func mandate(
        _ id: String, to grantee: PersonID? = nil, scope: MandateScope = .everything, from: Date? = nil,
        until: Date? = nil
    ) -> Mandate {
        Mandate(
            id: MandateID(test: id), grantor: company, grantee: grantee ?? clerk, scope: scope,
            validFrom: from ?? utc(2026, 1, 1), validUntil: until, grantedBy: boss)
    }

    @Test("the legal representative acts by role, without a mandate, in any service")
    func allowedByRole() throws {
        let registry = try registry()
        for action in [ServiceAction.apply, .sign, .pay, .view] {
            let decision = registry.canAct(person: boss, for: company, action: action, service: tax, at: now)
            #expect(decision.reason == .allowedByRole(.legalRepresentative))
            #expect(decision.isAllowed)
        }
    }

    @Test("role rules are data: a director may view but not sign without a mandate")
    func rolePolicy() throws {
        let registry = try registry()
        #expect(
            registry.canAct(person: outsider, for: other, action: .view, service: tax, at: now).reason
                == .allowedByRole(.director))
        #expect(
            registry.canAct(person: outsider, for: other, action: .sign, service: tax, at: now).reason == .noMandate)
        #expect(RolePolicy.standard.allows(.associationTreasurer, .pay))
        #expect(!RolePolicy.standard.allows(.authorisedStaff, .view))
        #expect(!RolePolicy.standard.allows(.custom("auditor"), .view))
    }

    @Test("staff act through a valid mandate")
    func allowedByMandate() throws {
        let registry = try registry(mandates: [mandate("m-1", scope: .services([licensing]))])
        let decision = registry.canAct(person: clerk, for: company, action: .apply, service: licensing, at: now)
        #expect(decision.reason == .allowedByMandate(MandateID(test: "m-1")))
        #expect(decision.description == "allowed: identity.acting.allowed_by_mandate(m-1)")
    }

    @Test("staff without a mandate are denied")
    func noMandate() throws {
        let registry = try registry()
        #expect(registry.canAct(person: clerk, for: company, action: .view, service: tax, at: now).reason == .noMandate)
    }

    @Test("expired mandate (the end is exclusive)")
    func expired() throws {
        let registry = try registry(mandates: [mandate("m-1", until: now)])
        let decision = registry.canAct(person: clerk, for: company, action: .apply, service: tax, at: now)
        #expect(decision.reason == .mandateExpired)
        #expect(!decision.isAllowed)
        let before = registry.canAct(person: clerk, for: company, action: .apply, service: tax, at: utc(2026, 5, 31))
        #expect(before.isAllowed)
    }

    @Test("mandate not yet valid")
    func notYetValid() throws {
        let registry = try registry(mandates: [mandate("m-1", from: utc(2026, 7, 1))])
        #expect(
            registry.canAct(person: clerk, for: company, action: .apply, service: tax, at: now).reason
                == .mandateNotYetValid)
    }

    @Test("revocation returns a new registry and takes effect from its timestamp")
    func revoked() throws {
        let original = try registry(mandates: [mandate("m-1")])
        let revokedAt = utc(2026, 5, 1)
        let revoked = try original.revoking(MandateID(test: "m-1"), at: revokedAt, by: boss)
        #expect(revoked.mandates[MandateID(test: "m-1")]?.revokedAt == revokedAt)
        #expect(revoked.mandates[MandateID(test: "m-1")]?.revokedBy == boss)
        #expect(
            revoked.canAct(person: clerk, for: company, action: .apply, service: tax, at: now).reason == .mandateRevoked
        )
        // Before the revocation the mandate applied; the original value is unchanged.
        #expect(
            revoked.canAct(person: clerk, for: company, action: .apply, service: tax, at: utc(2026, 4, 1)).isAllowed)
        #expect(original.canAct(person: clerk, for: company, action: .apply, service: tax, at: now).isAllowed)
        // Revoking again later does not move the revocation.
        let again = try revoked.revoking(MandateID(test: "m-1"), at: utc(2026, 5, 20))
        #expect(again.mandates[MandateID(test: "m-1")]?.revokedAt == revokedAt)
        #expect(throws: IdentityError.unknownMandate(id: MandateID(test: "nope"))) {
            try original.revoking(MandateID(test: "nope"), at: now)
        }
    }

    @Test("action out of scope")
    func actionOutOfScope() throws {
        let registry = try registry(mandates: [mandate("m-1", scope: .actions([.view, .apply]))])
        #expect(registry.canAct(person: clerk, for: company, action: .view, service: tax, at: now).isAllowed)
        #expect(
            registry.canAct(person: clerk, for: company, action: .sign, service: tax, at: now).reason
                == .actionOutOfScope)
    }

    @Test("service out of scope")
    func serviceOutOfScope() throws {
        let registry = try registry(mandates: [mandate("m-1", scope: .services([licensing]))])
        #expect(
            registry.canAct(person: clerk, for: company, action: .apply, service: tax, at: now).reason
                == .serviceOutOfScope)
    }

    @Test("acting for the wrong organisation")
    func wrongOrganisation() throws {
        let registry = try registry(mandates: [mandate("m-1")])
        // The outsider belongs to another organisation only.
        #expect(
            registry.canAct(person: outsider, for: company, action: .view, service: tax, at: now).reason
                == .wrongOrganisation)
        // The clerk's mandate from `company` does not let them act for `other`.
        #expect(
            registry.canAct(person: clerk, for: other, action: .view, service: tax, at: now).reason
                == .wrongOrganisation)
    }

    @Test("unknown people and organisations")
    func notAMember() throws {
        let registry = try registry()
        let stranger = PersonID(test: "stranger")
        #expect(
            registry.canAct(person: stranger, for: company, action: .view, service: tax, at: now).reason == .notAMember)
        #expect(
            registry.canAct(person: boss, for: OrganisationID(test: "x"), action: .view, service: tax, at: now).reason
                == .unknownOrganisation)
    }

    @Test("membership ended or not yet started: a mandate does not help")
    func membershipPeriods() throws {
        let registry = try registry(mandates: [mandate("m-1", to: leaver), mandate("m-2", to: newcomer)])
        #expect(
            registry.canAct(person: leaver, for: company, action: .apply, service: tax, at: now).reason
                == .membershipEnded)
        #expect(
            registry.canAct(person: newcomer, for: company, action: .apply, service: tax, at: now).reason
                == .membershipNotYetValid)
        // Ending the legal representative's membership ends the role's powers.
        var changed = registry
        if let account = registry.accounts[company] {
            changed.update(account.endingMembership(of: boss, role: .legalRepresentative, at: utc(2026, 3, 1)))
        }
        #expect(
            changed.canAct(person: boss, for: company, action: .sign, service: tax, at: now).reason == .membershipEnded)
    }

    @Test("mandates without membership when the policy allows it")
    func mandateWithoutMembership() throws {
        var registry = try registry(mandates: [mandate("m-1", to: leaver)])
        registry.rolePolicy.mandatesRequireMembership = false
        #expect(
            registry.canAct(person: leaver, for: company, action: .apply, service: tax, at: now).reason
                == .allowedByMandate(MandateID(test: "m-1")))
    }

    @Test("registration errors")
    func registrationErrors() throws {
        var registry = try registry(mandates: [mandate("m-1")])
        #expect(throws: IdentityError.duplicateMandate(id: MandateID(test: "m-1"))) {
            try registry.register(mandate("m-1"))
        }
        #expect(throws: IdentityError.invalidValidityPeriod) {
            try registry.register(mandate("m-2", from: utc(2026, 2, 1), until: utc(2026, 1, 1)))
        }
        #expect(throws: IdentityError.duplicateOrganisationAccount(organisation: company)) {
            try registry.register(
                OrganisationAccount(id: AccountID(test: "acc-3"), organisation: company, openedAt: now))
        }
    }
}
