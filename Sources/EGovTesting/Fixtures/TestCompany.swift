import EGovCore
import EGovIdentity
import Foundation

/// A company that acts through people: an organisation account with a legal representative and a
/// clerk (authorised staff), a mandate letting the clerk act for the company on one service, and
/// the certificates they sign with, registered in a mandate store.
///
/// The defaults describe Boa Mesa Lda., a restaurant company in Macau, whose clerk may apply for
/// and view the food and beverage establishment licence, but not pay.
public struct TestCompany: Sendable {
    /// The company.
    public let organisation: OrganisationID
    /// The company's display name.
    public let name: String
    /// The company's account.
    public let account: OrganisationAccount
    /// The legal representative (role `legalRepresentative`, member for a year).
    public let legalRepresentative: PersonID
    /// The clerk (role `authorisedStaff`, member for 30 days), who acts under ``mandate``.
    public let clerk: PersonID
    /// The mandate from the company to the clerk, granted by the legal representative.
    public let mandate: Mandate
    /// The store the account and mandate are registered in.
    public let mandates: any MandateStore
    /// The company's seal certificate (organizationIdentifier `NTRMO-<registration>`).
    public let seal: TestPKI.Issued
    /// The clerk's personal signing certificate (CN `LEI Ka Man`, serialNumber `IDCMO-1234567`).
    public let clerkCertificate: TestPKI.Issued

    /// Creates the company and registers its account and mandate in `mandates`.
    ///
    /// - Parameters:
    ///   - pki: issues the seal and the clerk's certificate.
    ///   - clock: the present: memberships and the mandate start before it, the mandate runs 180 days.
    ///   - service: the service the mandate covers.
    ///   - actions: the actions the mandate allows (by default apply and view).
    ///   - mandates: the store to register in (by default a new in-memory store).
    ///   - organisation: the company's organisation id (its account is `acct-<organisation>`).
    ///   - name: the company's name (the seal's subject O).
    ///   - registration: the commercial registration number (the seal's organizationIdentifier is `NTRMO-<registration>`).
    ///   - legalRepresentative: the legal representative's person id.
    ///   - clerk: the clerk's person id.
    public init(
        pki: TestPKI, clock: any WallClock, service: ServiceID, actions: Set<ServiceAction> = [.apply, .view],
        mandates: any MandateStore = InMemoryMandateStore(), organisation: String = "org-boa-mesa",
        name: String = "Boa Mesa Lda.", registration: String = "SO-12345", legalRepresentative: String = "person-chan",
        clerk: String = "person-lei"
    ) async throws {
        let now = clock.now()
        let day: TimeInterval = 86_400
        let company = try OrganisationID(organisation)
        let director = try PersonID(legalRepresentative)
        let staff = try PersonID(clerk)
        let account = OrganisationAccount(
            id: try AccountID("acct-\(organisation)"), organisation: company,
            members: [
                Membership(person: director, role: .legalRepresentative, from: now - 365 * day),
                Membership(person: staff, role: .authorisedStaff, from: now - 30 * day),
            ], openedAt: now - 365 * day)
        let mandate = Mandate(
            id: try MandateID("mandate-\(organisation.replacingOccurrences(of: "org-", with: ""))-licences"),
            grantor: company, grantee: staff,
            scope: MandateScope(services: .only([service]), actions: .only(actions)),
            validFrom: now - day, validUntil: now + 180 * day, grantedBy: director)
        try await mandates.register(account)
        try await mandates.register(mandate)
        self.organisation = company
        self.name = name
        self.account = account
        self.legalRepresentative = director
        self.clerk = staff
        self.mandate = mandate
        self.mandates = mandates
        self.seal = try pki.issueSeal(organisation: name, identifier: "NTRMO-\(registration)")
        self.clerkCertificate = try pki.issuePerson(name: "LEI Ka Man", serialNumber: "IDCMO-1234567")
    }

    /// The mandate registry as the store has it now.
    public func registry(rolePolicy: RolePolicy = .standard) async throws -> MandateRegistry {
        try await mandates.registry(rolePolicy: rolePolicy)
    }

    /// Whether `person` (by default the clerk) may take `action` on `service` for the company at `date`.
    public func decision(
        for action: ServiceAction, service: ServiceID, by person: PersonID? = nil, at date: Date
    ) async throws -> ActingDecision {
        try await registry().canAct(
            person: person ?? clerk, for: organisation, action: action, service: service, at: date)
    }
}
