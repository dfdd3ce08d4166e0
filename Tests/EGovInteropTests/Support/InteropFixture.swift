import EGovCore
import EGovCrypto
import EGovIdentity
import EGovInterop
import EGovTesting
import Foundation
import HTTPTypes
import Synchronization
import AsyncHTTPClient
import EGovHTTPClient
import NIOPosix

/// A company-registry provider (DSAJ) and a food-licensing consumer (IAM) with a test PKI,
/// contracts, consent, a replay cache and a real loopback HTTP server in between.
struct InteropFixture: Sendable {
    static func consumerID() throws -> XRoadClientID {
        try XRoadClientID(instance: "MO", memberClass: "GOV", memberCode: "IAM", subsystem: "licensing")
    }
    static func outsiderID() throws -> XRoadClientID {
        try XRoadClientID(instance: "MO", memberClass: "GOV", memberCode: "DSEDJ", subsystem: "schools")
    }
    static func service() throws -> XRoadServiceID {
        try XRoadServiceID(
            instance: "MO", memberClass: "GOV", memberCode: "DSAJ", subsystem: "crcbm", serviceCode: "companyRecord",
            serviceVersion: "v1")
    }
    static let foodBasis = "Illustrative: food establishment licensing regulation, article on applicant verification"
    static let directorBasis = "Illustrative: licensing law, article on fitness of directors"
    static let now = TestPKI.referenceDate + 3600

    static func contract() throws -> DataServiceContract {
        DataServiceContract(
            id: "crcbm-company-record", version: "1.0", service: try service(),
            title: [.en: "Company registration record", .zhHantMO: "商業登記資料"],
            description: [.en: "The registration record of a company"],
            request: [FieldDefinition(name: "registrationNumber", type: .string, required: true)],
            response: [
                FieldDefinition(name: "registrationNumber", type: .string, required: true),
                FieldDefinition(name: "name", type: .string, required: true),
                FieldDefinition(name: "legalForm", type: .string),
                FieldDefinition(name: "status", type: .string),
                FieldDefinition(name: "shareCapital", type: .number),
                FieldDefinition(name: "directors", type: .string, personalData: true),
            ],
            classification: .limited, consumers: [try consumerID()],
            purposes: [
                ContractPurpose(
                    code: "food-licence-application", legalBasis: foodBasis, consentRequired: false,
                    fields: ["registrationNumber", "name", "legalForm", "status"]),
                ContractPurpose(
                    code: "director-check", legalBasis: directorBasis, consentRequired: true,
                    fields: ["registrationNumber", "name", "directors"]),
            ],
            consentCategory: "company-directors", rateLimit: RateLimit(maximumRequests: 1000, periodSeconds: 60),
            retentionDays: 365,
            validity: ContractValidity(from: TestPKI.referenceDate, until: TestPKI.referenceDate + 2 * TestPKI.year))
    }

    /// Returns every field it has, whatever was asked, so that trimming shows.
    struct RegistrySource: InteropDataSource {
        func respond(to accepted: AcceptedRequest) async throws -> DataSourceResult {
            DataSourceResult(data: [
                "registrationNumber": accepted.request.parameters["registrationNumber"] ?? .null,
                "name": .string("Example Trading Lda."), "legalForm": .string("Lda."), "status": .string("active"),
                "shareCapital": .number(25_000), "directors": .string("Director A; Director B"),
                "internalNote": .string("never leaves the provider"),
            ])
        }
    }

    let pki: TestPKI
    let clock: ManualClock
    let consumer: TestPKI.Issued
    let provider: TestPKI.Issued
    let consent: ConsentRegistry
    let auditLog: InMemoryAuditLog
    let members: StaticMemberDirectory
    let verifier: EnvelopeVerifier
    let interopProvider: InteropProvider
    let server: LoopbackHTTPServer
    /// This fixture's own HTTP client: connections are never pooled across fixtures (a later
    /// fixture's server may get a port an earlier one used), and are closed by ``stop()``.
    let httpClient: HTTPClient

    /// - Parameters:
    ///   - consumerCertificate: replaces the consumer's certificate (e.g. expired or revoked).
    ///   - crls: CRLs both sides check.
    ///   - dataSource: the provider's data.
    init(
        pki existing: TestPKI? = nil, consumerCertificate: TestPKI.Issued? = nil, crls: [CertificateRevocationList] = [],
        dataSource: any InteropDataSource = RegistrySource(), contracts extra: [DataServiceContract] = []
    ) async throws {
        pki = try existing ?? TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        clock = ManualClock(Self.now)
        consumer = try consumerCertificate ?? pki.issueLeaf(
            profile: .organisationSeal,
            subject: try DistinguishedName([("C", "MO"), ("O", "IAM"), ("CN", "IAM licensing seal")]))
        provider = try pki.issueLeaf(
            profile: .organisationSeal,
            subject: try DistinguishedName([("C", "MO"), ("O", "DSAJ"), ("CN", "DSAJ registry seal")]))
        members = StaticMemberDirectory([
            try Self.consumerID(): [consumer.certificate], try Self.outsiderID(): [consumer.certificate],
            try Self.service().provider: [provider.certificate],
        ])
        verifier = EnvelopeVerifier(
            trustStore: StaticTrustStore(certificates: [pki.root.certificate]),
            revocationSource: StaticRevocationSource(crls))
        auditLog = InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock)
        consent = ConsentRegistry(auditLog: auditLog, clock: clock)
        let registry = InMemoryContractRegistry()
        try await registry.publish(try Self.contract())
        for contract in extra { try await registry.publish(contract) }
        interopProvider = InteropProvider(
            signer: try EnvelopeSigner(
                key: try provider.privateKey.signingKey(for: .es256),
                certificateChain: [provider.certificate, pki.intermediate.certificate]),
            verifier: verifier, members: members, contracts: registry,
            replayCache: InMemoryReplayCache(clock: clock), consent: consent, dataSource: dataSource, clock: clock,
            auditLog: auditLog)
        let handler = InteropHTTPHandler(provider: interopProvider)
        server = try await LoopbackHTTPServer.start { request, body in await handler.handle(request, body: body) }
        httpClient = HTTPClient(eventLoopGroup: MultiThreadedEventLoopGroup.singleton)
    }

    /// A client for `id` over `transport` (default: HTTP to the loopback server).
    func client(as id: XRoadClientID? = nil, transport: (any InteropTransport)? = nil) throws -> InteropClient {
        InteropClient(
            client: try id ?? Self.consumerID(),
            signer: try EnvelopeSigner(
                key: try consumer.privateKey.signingKey(for: .es256),
                certificateChain: [consumer.certificate, pki.intermediate.certificate]),
            verifier: verifier, members: members, transport: transport ?? httpTransport, clock: clock)
    }

    var httpTransport: HTTPClientInteropTransport {
        // A long deadline: the suite runs hundreds of tests in parallel on few cores, and the
        // server's handler waits for a cooperative thread like everything else. These tests check
        // what arrives, not how fast.
        HTTPClientInteropTransport(baseURL: server.baseURL, client: httpClient, timeout: .seconds(300))
    }

    static func query(
        purpose: String = "food-licence-application", legalBasis: String = InteropFixture.foodBasis,
        subject: String? = nil, fields: [String] = []
    ) throws -> InteropQuery {
        InteropQuery(
            service: try service(), userID: "officer-17", purpose: purpose, legalBasis: legalBasis, subject: subject,
            caseReference: "LIC-2026-0001", fields: fields, parameters: ["registrationNumber": .string("SO-12345")])
    }

    func stop() async {
        try? await httpClient.shutdown()
        await server.stop()
    }
}

/// A transport that passes everything to another one, letting a test alter bytes on the way.
struct ProxyTransport: InteropTransport {
    let next: any InteropTransport
    let alterRequest: @Sendable ([UInt8]) -> [UInt8]
    let alterResponse: @Sendable ([UInt8]) -> [UInt8]

    init(
        _ next: any InteropTransport, request: @escaping @Sendable ([UInt8]) -> [UInt8] = { $0 },
        response: @escaping @Sendable ([UInt8]) -> [UInt8] = { $0 }
    ) {
        self.next = next
        alterRequest = request
        alterResponse = response
    }

    func send(_ request: HTTPRequest, body: [UInt8]) async throws -> (HTTPResponse, [UInt8]) {
        let (head, answer) = try await next.send(request, body: alterRequest(body))
        return (head, alterResponse(answer))
    }
}

/// A transport that delivers every request but answers each with the first response it got.
final class SwappingTransport: InteropTransport {
    let next: any InteropTransport
    private let first = Mutex<(HTTPResponse, [UInt8])?>(nil)

    init(_ next: any InteropTransport) { self.next = next }

    func send(_ request: HTTPRequest, body: [UInt8]) async throws -> (HTTPResponse, [UInt8]) {
        let answer = try await next.send(request, body: body)
        return first.withLock { stored in
            if let stored { return stored }
            stored = answer
            return answer
        }
    }
}

/// Flips one bit in the middle of the payload segment of a compact JWS.
func flipPayloadBit(_ bytes: [UInt8]) -> [UInt8] {
    var copy = bytes
    guard let firstDot = copy.firstIndex(of: UInt8(ascii: ".")),
        let secondDot = copy[(firstDot + 1)...].firstIndex(of: UInt8(ascii: "."))
    else { return copy }
    let middle = (firstDot + secondDot) / 2
    // Swap between two base64url letters so the text stays decodable.
    copy[middle] = copy[middle] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
    return copy
}
