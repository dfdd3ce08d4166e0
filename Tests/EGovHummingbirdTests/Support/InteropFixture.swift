import EGovCore
import EGovCrypto
import EGovIdentity
import EGovInterop
import EGovTesting
import Foundation

/// A company-registry provider (DSAJ) and a food-licensing consumer (IAM) with a test PKI and a
/// contract (the same shape as EGovInteropTests' fixture, reduced to what these tests need).
struct InteropFixture: Sendable {
    static func consumerID() throws -> XRoadClientID {
        try XRoadClientID(instance: "MO", memberClass: "GOV", memberCode: "IAM", subsystem: "licensing")
    }
    static func service() throws -> XRoadServiceID {
        try XRoadServiceID(
            instance: "MO", memberClass: "GOV", memberCode: "DSAJ", subsystem: "crcbm", serviceCode: "companyRecord",
            serviceVersion: "v1")
    }
    static let foodBasis = "Illustrative: food establishment licensing regulation, article on applicant verification"
    static let now = TestPKI.referenceDate + 3600

    static func contract() throws -> DataServiceContract {
        DataServiceContract(
            id: "crcbm-company-record", version: "1.0", service: try service(),
            title: [.en: "Company registration record"],
            description: [.en: "The registration record of a company"],
            request: [FieldDefinition(name: "registrationNumber", type: .string, required: true)],
            response: [
                FieldDefinition(name: "registrationNumber", type: .string, required: true),
                FieldDefinition(name: "name", type: .string, required: true),
                FieldDefinition(name: "status", type: .string),
            ],
            classification: .limited, consumers: [try consumerID()],
            purposes: [
                ContractPurpose(
                    code: "food-licence-application", legalBasis: foodBasis, consentRequired: false,
                    fields: ["registrationNumber", "name", "status"])
            ],
            retentionDays: 365,
            validity: ContractValidity(from: TestPKI.referenceDate, until: TestPKI.referenceDate + 2 * TestPKI.year))
    }

    struct RegistrySource: InteropDataSource {
        func respond(to accepted: AcceptedRequest) async throws -> DataSourceResult {
            DataSourceResult(data: [
                "registrationNumber": accepted.request.parameters["registrationNumber"] ?? .null,
                "name": .string("Example Trading Lda."), "status": .string("active"),
            ])
        }
    }

    let pki: TestPKI
    let clock: ManualClock
    let consumer: TestPKI.Issued
    let provider: TestPKI.Issued
    let members: StaticMemberDirectory
    let verifier: EnvelopeVerifier
    let auditLog: InMemoryAuditLog
    let handler: InteropHTTPHandler

    init(maximumRequestBytes: Int = 1 << 20) async throws {
        pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        clock = ManualClock(Self.now)
        consumer = try pki.issueLeaf(
            profile: .organisationSeal,
            subject: try DistinguishedName([("C", "MO"), ("O", "IAM"), ("CN", "IAM licensing seal")]))
        provider = try pki.issueLeaf(
            profile: .organisationSeal,
            subject: try DistinguishedName([("C", "MO"), ("O", "DSAJ"), ("CN", "DSAJ registry seal")]))
        members = StaticMemberDirectory([
            try Self.consumerID(): [consumer.certificate], try Self.service().provider: [provider.certificate],
        ])
        verifier = EnvelopeVerifier(trustStore: StaticTrustStore(certificates: [pki.root.certificate]))
        auditLog = InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock)
        let registry = InMemoryContractRegistry()
        try await registry.publish(try Self.contract())
        let interopProvider = InteropProvider(
            signer: try EnvelopeSigner(
                key: try provider.privateKey.signingKey(for: .es256),
                certificateChain: [provider.certificate, pki.intermediate.certificate]),
            verifier: verifier, members: members, contracts: registry, replayCache: InMemoryReplayCache(clock: clock),
            dataSource: RegistrySource(), clock: clock, auditLog: auditLog, maximumRequestBytes: maximumRequestBytes)
        handler = InteropHTTPHandler(provider: interopProvider)
    }

    /// A consumer over `transport`.
    func client(transport: any InteropTransport) throws -> InteropClient {
        InteropClient(
            client: try Self.consumerID(),
            signer: try EnvelopeSigner(
                key: try consumer.privateKey.signingKey(for: .es256),
                certificateChain: [consumer.certificate, pki.intermediate.certificate]),
            verifier: verifier, members: members, transport: transport, clock: clock)
    }

    static func query() throws -> InteropQuery {
        InteropQuery(
            service: try service(), userID: "officer-17", purpose: "food-licence-application", legalBasis: foodBasis,
            caseReference: "LIC-2026-0001", parameters: ["registrationNumber": .string("SO-12345")])
    }
}
