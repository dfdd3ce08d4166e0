import EGovCore
import EGovIdentity
import Foundation

/// The rules every `MandateStore` must follow, as executable checks: unique accounts and
/// mandates, validity periods, revocation, and a registry snapshot that decides like the
/// in-memory `MandateRegistry`.
public enum MandateStoreConformance {
    /// Makes an empty store.
    public typealias Factory = @Sendable () async throws -> any MandateStore

    /// Runs every check.
    ///
    /// - Throws: the first ``StoreConformanceFailure``.
    public static func run(makeStore: Factory) async throws(StoreConformanceFailure) {
        let checker = ConformanceChecker(suite: "MandateStore")
        let t0 = TestPKI.referenceDate

        try await checker.check("accounts and mandates are unique and round-trip") { c in
            let store = try await makeStore()
            let organisation = try OrganisationID("org-1")
            let account = OrganisationAccount(id: try AccountID("acct-org-1"), organisation: organisation, openedAt: t0)
            try await store.register(account)
            try await c.expectError(
                IdentityError.duplicateOrganisationAccount(organisation: organisation), "a second account"
            ) { try await store.register(account) }
            let mandate = try sample("m-1", organisation: organisation, from: t0)
            try await store.register(mandate)
            try await c.expectError(IdentityError.duplicateMandate(id: mandate.id), "a second mandate with one id") {
                try await store.register(mandate)
            }
            var backwards = try sample("m-2", organisation: organisation, from: t0)
            backwards.validUntil = t0.addingTimeInterval(-1)
            try await c.expectError(IdentityError.invalidValidityPeriod, "a mandate ending before it starts") {
                try await store.register(backwards)
            }
            var policy = RolePolicy.standard
            policy.mandatesRequireMembership = false
            let registry = try await store.registry(rolePolicy: policy)
            try c.expect(registry.rolePolicy == policy, "the registry must use the given role policy")
            try c.expect(registry.accounts == [organisation: account], "the account must round-trip")
            try c.expect(registry.mandates == [mandate.id: mandate], "the mandate must round-trip")
            let decision = registry.canAct(
                person: mandate.grantee, for: organisation, action: .apply, service: try ServiceID("svc-1"),
                at: t0.addingTimeInterval(60))
            try c.expect(decision.reason == .allowedByMandate(mandate.id), "the mandate must allow: \(decision)")
        }

        try await checker.check("revocation is stored") { c in
            let store = try await makeStore()
            let organisation = try OrganisationID("org-1")
            try await store.register(
                OrganisationAccount(id: try AccountID("acct-org-1"), organisation: organisation, openedAt: t0))
            let mandate = try sample("m-1", organisation: organisation, from: t0)
            try await store.register(mandate)
            let revoker = try PersonID("person-revoker")
            try await store.revoke(mandate.id, at: t0.addingTimeInterval(30), by: revoker)
            let stored = try await store.registry(rolePolicy: .standard).mandates[mandate.id]
            try c.expect(stored?.revokedAt == t0.addingTimeInterval(30), "revokedAt must be stored")
            try c.expect(stored?.revokedBy == revoker, "revokedBy must be stored")
            let unknown = try MandateID("m-none")
            try await c.expectError(IdentityError.unknownMandate(id: unknown), "revoking an unknown mandate") {
                try await store.revoke(unknown, at: t0, by: nil)
            }
        }

        try await checker.check("update replaces an account") { c in
            let store = try await makeStore()
            let organisation = try OrganisationID("org-1")
            let account = OrganisationAccount(id: try AccountID("acct-org-1"), organisation: organisation, openedAt: t0)
            try await store.update(account)
            let reopened = OrganisationAccount(
                id: try AccountID("acct-org-1b"), organisation: organisation, openedAt: t0.addingTimeInterval(5))
            try await store.update(reopened)
            try c.expect(
                try await store.registry(rolePolicy: .standard).accounts[organisation] == reopened,
                "the account must be replaced")
        }
    }

    static func sample(_ id: String, organisation: OrganisationID, from: Date) throws -> Mandate {
        Mandate(
            id: try MandateID(id), grantor: organisation, grantee: try PersonID("person-1"),
            scope: MandateScope(), validFrom: from, validUntil: from.addingTimeInterval(86_400),
            grantedBy: try PersonID("person-director"))
    }
}
