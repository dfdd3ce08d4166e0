import EGovCatalogue
import EGovCore
import EGovCrypto
import EGovIdentity
import EGovSignature
import Foundation

/// Everything a one-stop service runs on, in memory and on a fixed clock: a test PKI with its
/// trust list and time-stamping authority, the licensing department's qualified seal, a company
/// with a legal representative and a mandated clerk, a case store, a notification dispatcher with
/// a recording transport, and a credential issuer with the registry that trusts it.
///
/// No network, no database, no files. Keys are fresh on every run, but every result a test checks
/// (times, validity, decisions, delivery ids, status indices) is the same on every run.
///
/// ```swift
/// let world = try await OneStopWorld()
/// let decision = try await world.company.decision(for: .apply, service: world.service, at: world.clock.now())
/// ```
public struct OneStopWorld: Sendable {
    /// Monday 2 March 2026, 10:00 in Macau (02:00Z): the default start.
    public static let start = Date(timeIntervalSince1970: 1_772_416_800)

    /// The clock everything runs on; only the test moves it.
    public let clock: ManualClock
    /// The PKI (P-256) that issues every certificate of the world.
    public let pki: TestPKI
    /// The PKI's root as signing, qualified seal and qualified time-stamping service.
    public let trustList: TrustList
    /// An in-process RFC 3161 authority of the PKI.
    public let timeStampAuthority: LocalTimeStampAuthority
    /// The licensing department's qualified seal (IAM, organizationIdentifier `NTRMO-IAM`).
    public let department: TestPKI.Issued
    /// The service the company applies for: `iam.food-beverage-licence`.
    public let service: ServiceID
    /// The company, its people and its mandate store.
    public let company: TestCompany
    /// The department's case store.
    public let cases: InMemoryCaseStore
    /// The department's notification dispatcher, evidence signed with ``department``.
    public let notifications: TestNotifications
    /// The department's credential issuer (the licence type) and the registry that trusts it.
    public let credentials: TestCredentials

    /// Creates the world at `start`.
    public init(start: Date = OneStopWorld.start) async throws {
        let clock = ManualClock(start)
        let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let department = try pki.issueSeal(organisation: "IAM", identifier: "NTRMO-IAM", qualified: true)
        let service = try ServiceID("iam.food-beverage-licence")
        self.clock = clock
        self.pki = pki
        self.trustList = pki.trustList()
        self.timeStampAuthority = try LocalTimeStampAuthority(pki: pki, clock: clock)
        self.department = department
        self.service = service
        self.company = try await TestCompany(pki: pki, clock: clock, service: service)
        self.cases = InMemoryCaseStore()
        self.notifications = try TestNotifications(
            clock: clock, evidenceKey: try department.signingKey(), evidenceIssuer: "https://iam.gov.mo")
        self.credentials = try await TestCredentials(seal: department, pki: pki, clock: clock)
    }

    /// A signer with the department's seal; time-stamped (CAdES-T, JAdES-T) unless `timeStamped` is false.
    public func departmentSigner(timeStamped: Bool = true) throws -> DocumentSigner {
        try department.signer(
            clock: clock, timestampClient: timeStamped ? pki.timeStampClient(timeStampAuthority, clock: clock) : nil)
    }

    /// Validates a signed document (JWS, JWS JSON or CMS, attached) against ``trustList`` now.
    public func validate(_ document: [UInt8], policy: SignaturePolicy) -> ValidationReport {
        SignatureValidator(trustList: trustList, policy: policy).validate(document: document, detached: nil, at: clock.now())
    }

    /// Opens an online case for ``service`` at the department, submitted now, and stores it.
    ///
    /// - Parameters:
    ///   - id: the case id.
    ///   - workingDays: the statutory time limit in working days.
    public func openCase(id: String, workingDays: Int = 30) async throws -> ApplicationCase {
        let application = try ApplicationCase(
            id: id, serviceID: service.rawValue, departmentID: "IAM", channel: .online, isFullyOnline: true,
            timeLimit: try TimeLimit(days: workingDays, dayKind: .working), clock: clock)
        try await cases.insert(application)
        return application
    }

    /// Moves `application` to `state` now and saves it in ``cases`` (optimistic concurrency on its
    /// transition count); returns the saved case.
    @discardableResult
    public func advance(_ application: ApplicationCase, to state: CaseState) async throws -> ApplicationCase {
        var next = application
        try next.transition(to: state, clock: clock)
        try await cases.replace(next, expectedTransitionCount: application.transitions.count)
        return next
    }
}
