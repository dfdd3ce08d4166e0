import EGovKit
import EGovTesting
import Foundation

/// Everything the licence journey runs on: one test PKI and trust list, the departments' seals,
/// the SQLite stores (one database file per department), the catalogue and the interoperability
/// providers.
struct JourneyWorld: Sendable {
    let clock: ManualClock
    let pki: TestPKI
    let trustList: TrustList
    let timeStampAuthority: LocalTimeStampAuthority

    /// Seal certificates: the licensing department (qualified) and the two providers.
    let iamSeal: TestPKI.Issued
    let dsfSeal: TestPKI.Issued
    let crpSeal: TestPKI.Issued

    /// IAM's stores, in `iam.sqlite`.
    let iamDatabase: SQLiteDatabase
    let mandates: SQLiteMandateStore
    let cases: SQLiteCaseStore
    let statusLists: SQLiteStatusListStore
    let notifications: SQLiteNotificationStore
    let iamAudit: SQLiteAuditLog
    let consent: ConsentRegistry
    let exchangeAuditor: ExchangeAuditor

    /// The providers' audit logs, in `dsf.sqlite` and `crp.sqlite`.
    let dsfAudit: SQLiteAuditLog
    let crpAudit: SQLiteAuditLog

    let catalogue: Catalogue
    let interop: EvidenceClient
    let iamClientID: XRoadClientID
    let dsfService: XRoadServiceID
    let crpService: XRoadServiceID
    let members: StaticMemberDirectory
    let verifier: EnvelopeVerifier

    static let purpose = "food-licence-application"
    static let legalBasis = "Illustrative: food establishment licensing regulation, verification of the applicant"

    init(databasePath: String, start: Date) async throws {
        let clock = ManualClock(start)
        let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let iamSeal = try pki.issueSeal(organisation: "IAM", identifier: "NTRMO-IAM", qualified: true)
        let dsfSeal = try pki.issueSeal(organisation: "DSF", identifier: "NTRMO-DSF")
        let crpSeal = try pki.issueSeal(organisation: "CRP", identifier: "NTRMO-CRP")
        let trustList = pki.trustList()
        let timeStampAuthority = try LocalTimeStampAuthority(pki: pki, clock: clock)

        let directory = URL(fileURLWithPath: databasePath, isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func database(_ name: String) throws -> SQLiteDatabase {
            try SQLiteDatabase(path: directory.appendingPathComponent(name).path)
        }
        let iamDatabase = try database("iam.sqlite")
        let mandates = SQLiteMandateStore(database: iamDatabase)
        let cases = SQLiteCaseStore(database: iamDatabase)
        let statusLists = SQLiteStatusListStore(database: iamDatabase)
        let notifications = SQLiteNotificationStore(database: iamDatabase)
        let iamAudit = SQLiteAuditLog(database: iamDatabase, hashFunction: HashAlgorithm.sha256, clock: clock)
        let consent = ConsentRegistry(auditLog: iamAudit, clock: clock, store: SQLiteConsentStore(database: iamDatabase))
        let exchangeAuditor = try ExchangeAuditor(
            log: iamAudit, hashAlgorithm: .sha256,
            signer: AuditCheckpointSigner(key: try iamSeal.signingKey(), keyID: "iam-audit-2026", issuer: "IAM"),
            checkpointInterval: 4, clock: clock)
        let dsfAudit = SQLiteAuditLog(database: try database("dsf.sqlite"), hashFunction: HashAlgorithm.sha256, clock: clock)
        let crpAudit = SQLiteAuditLog(database: try database("crp.sqlite"), hashFunction: HashAlgorithm.sha256, clock: clock)

        let catalogue = try Catalogue.sample()

        let iamClientID = try XRoadClientID(instance: "MO", memberClass: "GOV", memberCode: "IAM", subsystem: "licensing")
        let dsfService = try XRoadServiceID(
            instance: "MO", memberClass: "GOV", memberCode: "DSF", subsystem: "tax", serviceCode: "evidence",
            serviceVersion: "v1")
        let crpService = try XRoadServiceID(
            instance: "MO", memberClass: "GOV", memberCode: "CRP", subsystem: "property", serviceCode: "evidence",
            serviceVersion: "v1")
        let members = StaticMemberDirectory([
            iamClientID: [iamSeal.certificate], dsfService.provider: [dsfSeal.certificate],
            crpService.provider: [crpSeal.certificate],
        ])
        let verifier = EnvelopeVerifier(trustStore: StaticTrustStore(certificates: [pki.root.certificate]))
        let contracts = InMemoryContractRegistry()
        try await contracts.publish(
            Self.contract(
                id: "dsf-business-tax-evidence", service: dsfService, consumer: iamClientID,
                title: [.zhHant: "營業稅登記證明", .pt: "Comprovativo da contribuição industrial", .en: "Business tax registration"],
                fields: ["registrationNumber", "startDate", "activity", "status"], withheld: "annualTurnover",
                start: start))
        try await contracts.publish(
            Self.contract(
                id: "crp-property-evidence", service: crpService, consumer: iamClientID,
                title: [.zhHant: "物業登記資料", .pt: "Registo predial", .en: "Property registration"],
                fields: ["registrationNumber", "address", "rightOfUse"], withheld: "mortgages", start: start))
        let dsf = try Self.provider(
            seal: dsfSeal, pki: pki, verifier: verifier, members: members, contracts: contracts, clock: clock,
            audit: dsfAudit, consent: consent,
            source: StaticEvidence(
                type: "evidence.business-tax-registration",
                data: [
                    "registrationNumber": .string("CI-2026-004211"), "startDate": .string("2026-02-01"),
                    "activity": .string("restaurant"), "status": .string("active"), "annualTurnover": .number(1_250_000),
                ]))
        let crp = try Self.provider(
            seal: crpSeal, pki: pki, verifier: verifier, members: members, contracts: contracts, clock: clock,
            audit: crpAudit, consent: consent,
            source: StaticEvidence(
                type: "evidence.property-registration",
                data: [
                    "registrationNumber": .string("PR-77810"), "address": .string("Rua de Exemplo 1, Macau"),
                    "rightOfUse": .string("lease until 2031-02-28"), "mortgages": .string("1 registered charge"),
                ]))
        let transport = InProcessInteropTransport(providers: [dsfService: dsf, crpService: crp])
        let interop = EvidenceClient(
            client: InteropClient(
                client: iamClientID, signer: try iamSeal.envelopeSigner(), verifier: verifier, members: members,
                transport: transport, clock: clock))
        self.clock = clock
        self.pki = pki
        self.trustList = trustList
        self.timeStampAuthority = timeStampAuthority
        self.iamSeal = iamSeal
        self.dsfSeal = dsfSeal
        self.crpSeal = crpSeal
        self.iamDatabase = iamDatabase
        self.mandates = mandates
        self.cases = cases
        self.statusLists = statusLists
        self.notifications = notifications
        self.iamAudit = iamAudit
        self.consent = consent
        self.exchangeAuditor = exchangeAuditor
        self.dsfAudit = dsfAudit
        self.crpAudit = crpAudit
        self.catalogue = catalogue
        self.interop = interop
        self.iamClientID = iamClientID
        self.dsfService = dsfService
        self.crpService = crpService
        self.members = members
        self.verifier = verifier
    }

    /// A provider department answering evidence requests under its contracts.
    private static func provider(
        seal: TestPKI.Issued, pki: TestPKI, verifier: EnvelopeVerifier, members: StaticMemberDirectory,
        contracts: InMemoryContractRegistry, clock: ManualClock, audit: SQLiteAuditLog, consent: ConsentRegistry,
        source: StaticEvidence
    ) throws -> InteropProvider {
        InteropProvider(
            signer: try seal.envelopeSigner(), verifier: verifier, members: members, contracts: contracts, replayCache: InMemoryReplayCache(clock: clock),
            consent: consent, dataSource: EvidenceDataSource(source), clock: clock, auditLog: audit)
    }

    /// An evidence contract: the licensing purpose may receive `fields`; `withheld` is not among them.
    private static func contract(
        id: String, service: XRoadServiceID, consumer: XRoadClientID, title: LocalizedText, fields: [String],
        withheld: String, start: Date
    ) -> DataServiceContract {
        DataServiceContract(
            id: id, version: "1", service: service, title: title,
            description: [.en: "Evidence for the food and beverage establishment licence (once-only)"],
            request: EvidenceRequest.requestSchema,
            response: (fields + [withheld]).map { FieldDefinition(name: $0, type: .string) },
            classification: .limited, consumers: [consumer],
            purposes: [ContractPurpose(code: purpose, legalBasis: legalBasis, consentRequired: false, fields: fields)],
            retentionDays: 365, validity: ContractValidity(from: start - 86_400, until: start + 2 * TestPKI.year))
    }
}

/// A provider's register, reduced to one evidence type and one record.
struct StaticEvidence: EvidenceSource {
    let type: String
    let data: [String: JSONValue]

    func evidence(for request: EvidenceRequest, accepted: AcceptedRequest) async throws -> EvidenceOutcome {
        guard request.evidenceType == type else { return .failure(.unknownEvidenceType) }
        return .success(data)
    }
}
