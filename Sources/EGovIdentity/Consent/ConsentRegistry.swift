import EGovCore
import EGovCrypto
import Foundation

/// Grants, revokes and checks consent; every grant, use and revocation is appended to the audit
/// log (action `consent.granted`, `consent.used`, `consent.revoked`, `consent.refused`), with the
/// grant ID as subject and no personal data in the details.
///
/// Grants are kept in a ``ConsentStore`` (``InMemoryConsentStore`` unless another is given). When
/// the store cannot be read, ``check(personAccountID:requester:provider:dataCategory:purpose:)``
/// fails closed (``ConsentDenial/noGrant``), ``grant(id:)`` returns `nil` and ``grants(of:)`` an
/// empty list; ``grant(personAccountID:requester:provider:dataCategories:purpose:until:)``,
/// ``revoke(_:by:)`` and ``use(personAccountID:requester:provider:dataCategory:purpose:)`` throw
/// the `StoreError`.
public actor ConsentRegistry {
    private let store: any ConsentStore
    private let auditLog: any AuditLog
    private let clock: any WallClock
    /// The longest period a single grant may cover.
    public let maximumPeriod: TimeInterval

    /// Creates a registry writing to `auditLog` and keeping grants in `store`.
    public init(
        auditLog: any AuditLog, clock: any WallClock, maximumPeriod: TimeInterval = 366 * 86_400,
        store: any ConsentStore = InMemoryConsentStore()
    ) {
        self.store = store
        self.auditLog = auditLog
        self.clock = clock
        self.maximumPeriod = maximumPeriod
    }

    /// Records a person's consent and returns the grant.
    public func grant(
        personAccountID: String, requester: String, provider: String, dataCategories: Set<String>, purpose: String,
        until validUntil: Date
    ) async throws -> ConsentGrant {
        let now = clock.now()
        for (name, value) in [
            ("person", personAccountID), ("requester", requester), ("provider", provider), ("purpose", purpose),
        ]
        where value.isEmpty {
            throw ConsentError.incomplete(name)
        }
        guard !dataCategories.isEmpty else { throw ConsentError.incomplete("data category") }
        guard validUntil > now, validUntil.timeIntervalSince(now) <= maximumPeriod else {
            throw ConsentError.invalidPeriod
        }
        let grant = ConsentGrant(
            id: "consent-" + Base64URL.encode(try SecureRandom.bytes(count: 12)), personAccountID: personAccountID,
            requester: requester, provider: provider, dataCategories: dataCategories, purpose: purpose, validFrom: now,
            validUntil: validUntil)
        try await store.insert(grant)
        _ = try await auditLog.append(
            AuditEvent(
                actor: personAccountID, action: "consent.granted", subject: grant.id,
                details: details(of: grant, extra: ["until": RFC3339Time.format(validUntil, precision: .seconds)])))
        return grant
    }

    /// Revokes a grant (by the person or on their behalf).
    public func revoke(_ grantID: String, by actor: String) async throws {
        let revoked: ConsentGrant?
        do {
            revoked = try await store.revoke(grantID, at: clock.now())
        } catch .notFound {
            throw ConsentError.unknownGrant
        }
        guard let grant = revoked else { throw ConsentError.alreadyRevoked }
        _ = try await auditLog.append(
            AuditEvent(actor: actor, action: "consent.revoked", subject: grantID, details: details(of: grant)))
    }

    /// Checks consent without recording a use.
    ///
    /// - Throws: the store's `StoreError` when the grants cannot be read (a failure is never
    ///   taken for "no grant").
    public func check(
        personAccountID: String, requester: String, provider: String, dataCategory: String, purpose: String
    ) async throws(StoreError) -> ConsentDecision {
        let stored = try await store.grants(ofPerson: personAccountID)
        return decide(
            stored, personAccountID: personAccountID, requester: requester, provider: provider,
            dataCategory: dataCategory, purpose: purpose)
    }

    private func decide(
        _ stored: [ConsentGrant], personAccountID: String, requester: String, provider: String, dataCategory: String,
        purpose: String
    ) -> ConsentDecision {
        let now = clock.now()
        let candidates = stored.filter {
            $0.personAccountID == personAccountID && $0.requester == requester && $0.provider == provider
        }
        guard !candidates.isEmpty else { return .denied(.noGrant) }
        var closest = ConsentDenial.noGrant
        func rank(_ denial: ConsentDenial) -> Int {
            switch denial {
            case .noGrant: 0
            case .purposeNotCovered: 1
            case .dataNotCovered: 2
            case .notYetValid, .expired, .revoked: 3
            }
        }
        for grant in candidates.sorted(by: { $0.id < $1.id }) {
            let denial: ConsentDenial?
            if grant.purpose != purpose {
                denial = .purposeNotCovered
            } else if !grant.dataCategories.contains(dataCategory) {
                denial = .dataNotCovered
            } else if grant.revokedAt != nil {
                denial = .revoked
            } else if now < grant.validFrom {
                denial = .notYetValid
            } else if now >= grant.validUntil {
                denial = .expired
            } else {
                denial = nil
            }
            guard let denial else { return .allowed(grantID: grant.id) }
            if rank(denial) > rank(closest) { closest = denial }
        }
        return .denied(closest)
    }

    /// Checks consent for an actual data request and records the use (or the refusal).
    public func use(
        personAccountID: String, requester: String, provider: String, dataCategory: String, purpose: String
    ) async throws -> ConsentDecision {
        let stored = try await store.grants(ofPerson: personAccountID)
        let decision = decide(
            stored,
            personAccountID: personAccountID, requester: requester, provider: provider, dataCategory: dataCategory,
            purpose: purpose)
        let base = ["requester": requester, "provider": provider, "purpose": purpose, "data": dataCategory]
        switch decision {
        case .allowed(let grantID):
            _ = try await auditLog.append(
                AuditEvent(actor: requester, action: "consent.used", subject: grantID, details: base))
        case .denied(let denial):
            _ = try await auditLog.append(
                AuditEvent(
                    actor: requester, action: "consent.refused", subject: personAccountID,
                    details: base.merging(["reason": denial.rawValue]) { $1 }))
        }
        return decision
    }

    /// The grant with `id`, if any.
    ///
    /// - Throws: the store's `StoreError` when it cannot be read.
    public func grant(id: String) async throws(StoreError) -> ConsentGrant? { try await store.grant(id: id) }

    /// Every grant of a person (for their consent dashboard).
    ///
    /// - Throws: the store's `StoreError` when they cannot be read.
    public func grants(of personAccountID: String) async throws(StoreError) -> [ConsentGrant] {
        try await store.grants(ofPerson: personAccountID)
    }

    private func details(of grant: ConsentGrant, extra: [String: String] = [:]) -> [String: String] {
        [
            "requester": grant.requester, "provider": grant.provider, "purpose": grant.purpose,
            "data": grant.dataCategories.sorted().joined(separator: ","),
        ].merging(extra) { $1 }
    }
}
