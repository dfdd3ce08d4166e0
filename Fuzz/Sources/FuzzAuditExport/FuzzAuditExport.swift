import Dispatch
import EGovCore
import EGovCrypto
@_spi(Fuzzing) import EGovInterop
import EGovTesting
import Foundation

/// Feeds the input to `AuditExportVerifier.verify` (checkpoints verified with a fixed test key,
/// below), to `OfficialDocumentMetadata(canonicalJSON:)` and to the receipt body reader
/// `DocumentReceipt.Body(canonicalJSON:)` (`@_spi(Fuzzing)`; applications reach it only after the
/// receipt's seal validated).
///
/// Invariants: the verification outcome is self-consistent (valid exactly when no reason and no
/// index; signed entries never exceed entries; the first invalid index never exceeds the entries
/// read), a valid export stays valid given its own count and head, the outcome's JSON decodes back
/// equal; metadata and receipt bodies re-serialise to the same canonical bytes and parse back equal.
///
/// `EGOV_FUZZ_WRITE_SEEDS=DIR` makes the first call write seed inputs (a real export of 12
/// exchanges with checkpoints signed by the fixed key, metadata and receipt bodies) and exit.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzAuditExport(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    _ = seedWriter
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))

    if let outcome = try? verifier.verify(bytes) {
        precondition(outcome.valid == (outcome.reason == nil), "valid disagrees with reason")
        precondition(outcome.valid == (outcome.firstInvalid == nil), "valid disagrees with firstInvalid")
        precondition(outcome.signedEntries <= outcome.entries, "more signed entries than entries")
        precondition((outcome.firstInvalid ?? 0) <= outcome.entries, "first invalid index past the entries read")
        precondition((outcome.firstInvalid ?? 0) >= 0, "negative first invalid index")
        if outcome.valid {
            guard let again = try? verifier.verify(bytes, expectedCount: outcome.entries, expectedHead: outcome.head),
                again == outcome
            else { fatalError("a valid export is not valid with its own count and head") }
        }
        guard let json = try? JSONEncoder().encode(outcome),
            let decoded = try? JSONDecoder().decode(AuditExportVerification.self, from: json)
        else { fatalError("a verification outcome does not encode and decode") }
        precondition(decoded == outcome, "the verification outcome changed through JSON")
    }

    if let metadata = try? OfficialDocumentMetadata(canonicalJSON: bytes) {
        guard let canonical = try? metadata.canonicalBytes() else { fatalError("parsed metadata does not serialise") }
        precondition(canonical == bytes, "parsed metadata re-serialises differently")
        guard let again = try? OfficialDocumentMetadata(canonicalJSON: canonical) else {
            fatalError("re-serialised metadata does not parse")
        }
        precondition(again == metadata, "the metadata round trip changed the metadata")
        _ = metadata.description
        _ = metadata.reference
    }

    if let body = try? DocumentReceipt.Body(canonicalJSON: bytes) {
        precondition((body.receiptType == .registration) == (body.registryNumber != nil), "registry number mismatch")
        guard let again = try? DocumentReceipt.Body(canonicalJSON: bytes) else { fatalError("a receipt body parses once") }
        precondition(again == body, "parsing a receipt body twice differs")
    }
    return 0
}

/// The fixed checkpoint key (P-256, test material only; the seeds are signed with it).
private let testKeyPEM = """
    -----BEGIN PRIVATE KEY-----
    MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg+w/z161Qp12z1ED+
    YduJtDOajpf7uZUnByOVHhY2VQihRANCAAQ709U8YbC6z7TcK8K5PWo3PXsmLGcA
    V2kXfN/+IfcXDO7wdWHpDrwl84ylcW7HJnxS2YCExXOoO7JURPrqnXKB
    -----END PRIVATE KEY-----
    """

private let testKey: PrivateKey = {
    do { return try PrivateKey(pemRepresentation: testKeyPEM) } catch { fatalError("the test key does not parse") }
}()

private let verifier: AuditExportVerifier = {
    do {
        return AuditExportVerifier(
            key: try testKey.publicKey.verificationKey(for: .es256),
            limits: .init(maximumLineBytes: 16 << 10, maximumTotalBytes: 1 << 20, maximumEntries: 10_000))
    } catch {
        fatalError("the test verification key cannot be made")
    }
}()

private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}

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
    func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: directory.appendingPathComponent(name)) }

    // An export: 12 exchanges, a checkpoint every 5 entries and one at the head.
    let export = blocking { () -> [UInt8]? in
        do {
            let clock = ManualClock()
            let log = InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock)
            let auditor = try ExchangeAuditor(
                log: log, hashAlgorithm: .sha256,
                signer: try AuditCheckpointSigner(
                    key: try testKey.signingKey(for: .es256), keyID: "dsaj-audit-2026", issuer: "DSAJ"),
                checkpointInterval: 5, clock: clock)
            for index in 0..<12 {
                clock.advance(by: 1.5)
                try await auditor.record(
                    ExchangeDescription(
                        messageID: "msg-\(index)", side: index % 2 == 0 ? .client : .service, client: "DSAJ",
                        service: "DSI.residence-check", operation: "verify", purpose: "licence-check",
                        outcome: index == 3 ? .rejected : .completed, statusCode: index == 3 ? 403 : 200,
                        requestHash: ExchangeDescription.digest(of: Array("request \(index)".utf8)),
                        responseHash: ExchangeDescription.digest(of: Array("response \(index)".utf8))))
            }
            return try await auditor.exportJSONLines()
        } catch {
            return nil
        }
    }
    guard let export else { fatalError("making the export failed") }
    let seedOutcome = try verifier.verify(export)
    precondition(seedOutcome.valid, "the seed export does not verify")
    try write("export-12.jsonl", export)
    // The first two lines only: header and first entry (no checkpoint).
    let lines = export.split(separator: 0x0A, omittingEmptySubsequences: false)
    try write("export-header-entry.jsonl", Array(lines[0]) + [0x0A] + Array(lines[1]) + [0x0A])

    let digest = "sha-256:" + String(repeating: "ab", count: 32)
    var metadata = OfficialDocumentMetadata(
        documentNumber: "DSAJ-OF-2026-0012", kind: .requestForComments, issuingDepartment: "DSAJ",
        recipientDepartment: "DSAT", title: [.zhHant: "徵詢意見", .pt: "Pedido de parecer", .en: "Request for comments"],
        classification: .limited, urgency: .urgent, issuedAt: TestPKI.referenceDate + 0.25,
        replyDeadline: TestPKI.referenceDate + 14 * 86_400, threadID: "thread-1", contentType: "application/pdf",
        contentDigest: digest, contentLength: 1234)
    try write("metadata.json", try metadata.canonicalBytes())
    metadata.kind = .reply
    metadata.replyDeadline = nil
    metadata.inReplyTo = DocumentReference(documentNumber: "DSAT-OF-2025-0099", issuingDepartment: "DSAT", contentDigest: digest)
    try write("metadata-reply.json", try metadata.canonicalBytes())

    for registration in [false, true] {
        var members: [String: JSONValue] = [
            "type": .string(DocumentReceipt.payloadType), "version": .string("1"),
            "receiptType": .string(registration ? "registration" : "delivery"),
            "documentNumber": .string("DSAJ-OF-2026-0012"), "issuingDepartment": .string("DSAJ"),
            "receiver": .string("DSAT"), "contentDigest": .string(digest), "sealDigest": .string(digest),
            "time": .string("2026-01-01T00:00:05.000Z"),
        ]
        if registration { members["registryNumber"] = .string("DSAT-IN-2026-000001") }
        let bytes = try CanonicalJSON.serialize(.object(members))
        precondition((try? DocumentReceipt.Body(canonicalJSON: bytes)) != nil, "the seed receipt body does not parse")
        try write(registration ? "receipt-registration.json" : "receipt-delivery.json", bytes)
    }
}
