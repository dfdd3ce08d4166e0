import Benchmark
import BenchmarkSupport
import EGovCore
import EGovCrypto
import EGovHTTPClient
import EGovInterop
import EGovTesting
import Foundation
import RawOpenSSL

/// Interop envelopes next to the raw OpenSSL work they cannot avoid, in the same run.
///
/// - Envelope sign = canonical JSON + one ES256 signature; envelope verify = one ES256 signature
///   check + a chain of 3 (two certificate signature checks by OpenSSL) at the message time.
/// - A full exchange (consumer signs the request; provider verifies it, checks replay, contract
///   and fields, signs the response; consumer verifies it) is two envelope signs and two envelope
///   verifies, shown next to two raw ES256 sign + verify pairs.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .egovDefault()

    struct Source: InteropDataSource {
        func respond(to accepted: AcceptedRequest) async throws -> DataSourceResult {
            DataSourceResult(data: ["name": .string("Example Trading Lda."), "status": .string("active")])
        }
    }

    let clock = FixedClock(time: TestPKI.referenceDate + 3600)
    let signer: EnvelopeSigner
    let verifier: EnvelopeVerifier
    let compact: String
    let payload: JSONValue
    let client: InteropClient
    let provider: InteropProvider
    let query: InteropQuery
    let rawPublic: RawKey
    let rawPrivate: RawKey
    do {
        let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let consumerID = try XRoadClientID(parsing: "MO/GOV/IAM/licensing")
        let service = try XRoadServiceID(parsing: "MO/GOV/DSAJ/crcbm/companyRecord/v1")
        signer = try EnvelopeSigner(
            key: try pki.leaf.privateKey.signingKey(for: .es256),
            certificateChain: [pki.leaf.certificate, pki.intermediate.certificate])
        verifier = EnvelopeVerifier(trustStore: StaticTrustStore(certificates: [pki.root.certificate]))
        let request = InteropRequest(
            messageID: "bench-1", client: consumerID, service: service, userID: "officer-17",
            purpose: "food-licence-application", legalBasis: "Illustrative basis", caseReference: "LIC-2026-0001",
            issuedAt: clock.time, nonce: "bm9uY2U", parameters: ["registrationNumber": .string("SO-12345")])
        payload = request.json
        let signerCopy = signer
        let payloadCopy = payload
        compact = try runBlocking { try await signerCopy.sign(payloadCopy, type: .request) }
        let contract = DataServiceContract(
            id: "bench", version: "1", service: service, title: [.en: "Bench"], description: [.en: "Bench"],
            request: [FieldDefinition(name: "registrationNumber", type: .string, required: true)],
            response: [FieldDefinition(name: "name", type: .string), FieldDefinition(name: "status", type: .string)],
            classification: .limited, consumers: [consumerID],
            purposes: [
                ContractPurpose(
                    code: "food-licence-application", legalBasis: "Illustrative basis", consentRequired: false,
                    fields: ["name", "status"])
            ],
            retentionDays: 30,
            validity: ContractValidity(from: TestPKI.referenceDate, until: TestPKI.referenceDate + TestPKI.year))
        let registry = InMemoryContractRegistry()
        try runBlocking { try await registry.publish(contract) }
        let members = StaticMemberDirectory([consumerID: [pki.leaf.certificate], service.provider: [pki.leaf.certificate]])
        provider = InteropProvider(
            signer: signer, verifier: verifier, members: members, contracts: registry,
            replayCache: InMemoryReplayCache(clock: clock, capacity: 10_000_000), dataSource: Source(), clock: clock)
        // The exchange is driven in process (prepare → provider.handle → verifyAnswer): no sockets,
        // so the transport below is never used.
        client = InteropClient(
            client: consumerID, signer: signer, verifier: verifier, members: members,
            transport: HTTPClientInteropTransport(baseURL: "http://127.0.0.1:9"), clock: clock)
        query = InteropQuery(
            service: service, userID: "officer-17", purpose: "food-licence-application",
            legalBasis: "Illustrative basis", parameters: ["registrationNumber": .string("SO-12345")])
        rawPublic = try RawKey(pem: pki.leaf.certificate.publicKey.pemRepresentation, algorithm: .es256, isPrivate: false)
        rawPrivate = try RawKey(pem: try pki.leaf.privateKey.pkcs8PEMRepresentation(), algorithm: .es256, isPrivate: true)
    } catch {
        fatalError("benchmark setup failed: \(error)")
    }
    let message = Array(compact.utf8.prefix(compact.utf8.count * 3 / 4))

    Benchmark("Envelope sign ES256 (canonical JSON + JWS + x5c)") { benchmark async throws in
        for _ in benchmark.scaledIterations {
            blackHole(try await signer.sign(payload, type: .request))
        }
    }
    Benchmark("Envelope verify ES256 (JWS + chain of 3 at message time)") { benchmark async throws in
        for _ in benchmark.scaledIterations {
            blackHole(try await verifier.verify(compact, type: .request))
        }
    }
    Benchmark("Envelope sign + verify ES256") { benchmark async throws in
        for _ in benchmark.scaledIterations {
            let signed = try await signer.sign(payload, type: .request)
            blackHole(try await verifier.verify(signed, type: .request))
        }
    }
    Benchmark("Raw EVP ES256 sign + verify (1 pair)") { benchmark in
        rawSignVerify(benchmark, pairs: 1)
    }
    Benchmark("Raw EVP ES256 sign + verify x2 (2 pairs)") { benchmark in
        rawSignVerify(benchmark, pairs: 2)
    }
    Benchmark("Exchange in process (sign req, provider checks + sign resp, verify resp)") { benchmark async throws in
        for _ in benchmark.scaledIterations {
            let prepared = try await client.prepare(query)
            let reply = await provider.handle(
                body: prepared.body, clientHeader: client.client.headerValue, path: query.service.path)
            guard case .response(let envelope) = reply else { fatalError("exchange refused: \(reply)") }
            blackHole(try await client.verifyAnswer(Array(envelope.utf8), to: prepared))
        }
    }

    func rawSignVerify(_ benchmark: Benchmark, pairs: Int) {
        var signature = [UInt8](repeating: 0, count: rawPrivate.maximumSignatureLength)
        message.withUnsafeBytes { input in
            for _ in benchmark.scaledIterations {
                for _ in 0..<pairs {
                    let length = signature.withUnsafeMutableBytes { rawPrivate.sign(input, into: $0) } ?? 0
                    let valid = signature.withUnsafeBytes { rawPublic.verify(UnsafeRawBufferPointer(rebasing: $0[0..<length]), message: input) }
                    precondition(valid)
                    blackHole(valid)
                }
            }
        }
    }
}
