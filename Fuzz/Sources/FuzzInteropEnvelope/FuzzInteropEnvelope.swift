import Dispatch
import EGovCore
import EGovCrypto
import EGovInterop
import EGovTesting
import Foundation

/// Feeds the input to the interop envelope verifier as a compact JWS (request and response
/// `typ`), to the request and response payload readers after strict JSON parsing (signatures never
/// verify on mutated input, so the readers are also fuzzed directly), and to the X-Road identifier
/// parsers.
///
/// The verifier trusts the last `x5c` certificate of the input itself, so a mutated envelope that
/// still carries a valid chain and signature reaches chain validation and the payload readers.
///
/// Invariants: whatever parses re-serialises and parses back equal (identifiers through their
/// header/text/path forms, requests and responses through `json`).
///
/// `EGOV_FUZZ_WRITE_SEEDS=DIR` makes the first call write the seed inputs (envelopes signed with a
/// fresh `TestPKI` organisation seal, their payloads, identifiers) to DIR and exit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInteropEnvelope(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = seedWriter
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes, as: UTF8.self)

    // 1. Identifiers.
    if let client = try? XRoadClientID(parsing: text) {
        guard let again = try? XRoadClientID(parsing: client.headerValue) else {
            fatalError("a parsed client ID's header value does not parse")
        }
        precondition(again == client, "the client ID round trip changed the ID")
        precondition(client.member.subsystem == nil, "a member has a subsystem")
    }
    for service in [try? XRoadServiceID(parsing: text), try? XRoadServiceID(path: text)].compactMap({ $0 }) {
        guard let fromText = try? XRoadServiceID(parsing: service.text), let fromPath = try? XRoadServiceID(path: service.path)
        else { fatalError("a parsed service ID's text or path does not parse") }
        precondition(fromText == service && fromPath == service, "the service ID round trip changed the ID")
        precondition(service.provider.subsystem != nil, "a service ID without provider subsystem")
    }

    // 2. Payload readers on strict JSON.
    if let value = try? JSONValue.parse(bytes, limits: .init(maximumBytes: 1 << 20, maximumDepth: 32)),
        case .object(let members) = value
    {
        checkPayload(members)
    }

    // 3. The verifier on the text as a compact JWS.
    if bytes.count <= 64 << 10, bytes.contains(UInt8(ascii: ".")) {
        let anchors = trustAnchors(text)
        let verifier = EnvelopeVerifier(trustStore: StaticTrustStore(certificates: anchors), maximumBytes: 64 << 10)
        for type in EnvelopeType.allCases {
            let result = blocking { () -> VerifiedEnvelope? in try? await verifier.verify(text, type: type) }
            if let envelope = result {
                precondition(envelope.type == type, "a verified envelope has another type")
                precondition(!envelope.chain.isEmpty, "a verified envelope has no chain")
                checkPayload(envelope.payload)
            }
        }
    }
    return 0
}

private func checkPayload(_ members: [String: JSONValue]) {
    if let request = try? InteropRequest(payload: members) {
        guard case .object(let again) = request.json, let reparsed = try? InteropRequest(payload: again) else {
            fatalError("a parsed request's JSON does not parse")
        }
        precondition(reparsed == request, "the request JSON round trip changed the request")
        guard let bytes = try? CanonicalJSON.serialize(request.json), (try? JSONValue.parse(bytes)) == request.json
        else { fatalError("a request's JSON does not serialise canonically and parse back equal") }
        _ = request.description
    }
    if let response = try? InteropResponse(payload: members) {
        guard case .object(let again) = response.json, let reparsed = try? InteropResponse(payload: again) else {
            fatalError("a parsed response's JSON does not parse")
        }
        precondition(reparsed == response, "the response JSON round trip changed the response")
        guard let bytes = try? CanonicalJSON.serialize(response.json), (try? JSONValue.parse(bytes)) == response.json
        else { fatalError("a response's JSON does not serialise canonically and parse back equal") }
        _ = response.description
    }
}

/// The last `x5c` certificate of `text` read as a compact JWS, if any.
private func trustAnchors(_ text: String) -> [Certificate] {
    guard let parsed = try? CompactJWS(parsing: text, limit: 64 << 10), let last = parsed.header.certificateChain?.last,
        let certificate = try? Certificate(derRepresentation: last)
    else { return [] }
    return [certificate]
}

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

/// Runs `operation` to completion from synchronous code (libFuzzer's callback).
private func blocking<T: Sendable>(_ operation: @escaping @Sendable () async -> T) -> T {
    let semaphore = DispatchSemaphore(value: 0)
    let box = ResultBox<T>()
    Task {
        box.value = await operation()
        semaphore.signal()
    }
    semaphore.wait()
    guard let value = box.value else { fatalError("the task produced no value") }
    return value
}

// MARK: - Seeds

private let seedWriter: Void = {
    guard let directory = ProcessInfo.processInfo.environment["EGOV_FUZZ_WRITE_SEEDS"] else { return }
    do {
        try writeSeeds(to: URL(fileURLWithPath: directory))
        fflush(nil)  // print() output, before _exit
        _exit(0)  // not exit(): libFuzzer reports an exit during a run as a crash
    } catch {
        fatalError("writing seeds failed: \(error)")
    }
}()

private func writeSeeds(to directory: URL) throws {
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: directory.appendingPathComponent(name))
    }
    let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
    let signer = try EnvelopeSigner(
        key: try pki.leaf.privateKey.signingKey(for: .es256),
        certificateChain: [pki.leaf.certificate, pki.intermediate.certificate, pki.root.certificate])
    let client = try XRoadClientID(instance: "MO", memberClass: "GOV", memberCode: "IAM", subsystem: "licensing")
    let service = try XRoadServiceID(
        instance: "MO", memberClass: "GOV", memberCode: "DSAJ", subsystem: "crcbm", serviceCode: "companyRecord",
        serviceVersion: "v1")
    let issuedAt = TestPKI.referenceDate + 3600
    let request = InteropRequest(
        messageID: "msg-0001", client: client, service: service, userID: "officer-17", representedParty: "GOV/DSF",
        subject: "acct-4711", purpose: "food-licence-application",
        legalBasis: "Illustrative: food establishment licensing regulation", caseReference: "IAM-2026-000123",
        issuedAt: issuedAt, nonce: "q3Jx0aZ9bWk", fields: ["registrationNumber", "name"],
        parameters: ["registrationNumber": .string("12345 SO")])
    let responses = [
        InteropResponse(
            messageID: "rsp-0001", requestID: "msg-0001", requestHash: "AAAA", service: service, issuedAt: issuedAt + 1,
            outcome: .success, data: ["name": .string("Example Trading Lda."), "shareCapital": .number(25_000)],
            omittedFields: ["directors"]),
        InteropResponse(
            messageID: "rsp-0002", requestID: "msg-0001", requestHash: "AAAA", service: service, issuedAt: issuedAt + 1,
            outcome: .unavailable(retryAfter: issuedAt + 60)),
        InteropResponse(
            messageID: "rsp-0003", requestID: "msg-0001", requestHash: "AAAA", service: service, issuedAt: issuedAt + 1,
            outcome: .failure(code: "not-found")),
        InteropResponse(
            messageID: "rsp-0004", requestID: "msg-0001", requestHash: "AAAA", service: service, issuedAt: issuedAt + 1,
            outcome: .previewRequired(reference: "preview-1")),
    ]
    let requestEnvelope = blocking { try? await signer.sign(request.json, type: .request) }
    guard let requestEnvelope else { fatalError("signing the request failed") }
    try write("request-envelope.jws", requestEnvelope)
    try write("request-payload.json", String(decoding: try CanonicalJSON.serialize(request.json), as: UTF8.self))
    for (index, response) in responses.enumerated() {
        try write("response-payload-\(index).json", String(decoding: try CanonicalJSON.serialize(response.json), as: UTF8.self))
    }
    let responseEnvelope = blocking { [response = responses[0]] in try? await signer.sign(response.json, type: .response) }
    guard let responseEnvelope else { fatalError("signing the response failed") }
    try write("response-envelope.jws", responseEnvelope)
    // The seeds must verify the way the harness verifies them (trusting the last x5c certificate).
    for (compact, type) in [(requestEnvelope, EnvelopeType.request), (responseEnvelope, .response)] {
        let verifier = EnvelopeVerifier(trustStore: StaticTrustStore(certificates: trustAnchors(compact)))
        let outcome = blocking { () -> String in
            do {
                _ = try await verifier.verify(compact, type: type)
                return "verified"
            } catch {
                return "\(error)"
            }
        }
        print("seed \(type): \(outcome)")
    }
    try write("client.txt", client.headerValue)
    try write("service.txt", service.text)
    try write("service-path.txt", "/r1/MO/GOV/DSAJ/crcbm/company%3FRecord/v1")
}
