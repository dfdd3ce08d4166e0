import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@testable import EGovInterop

/// Turning exchanges into audit events, and signing checkpoints.
@Suite struct AuditExchangeAuditorTests {
    static func signer() throws -> (AuditCheckpointSigner, SoftwareSigningKey) {
        let key = try PrivateKey.generate(.p256).signingKey(for: .es256)
        return (try AuditCheckpointSigner(key: key, keyID: "dsaj-audit-2026", issuer: "DSAJ"), key)
    }

    @Test func exchangeBecomesAnEventWithReferencesOnly() throws {
        let request = ExchangeDescription.digest(of: Array("{\"resident\":\"1234567(8)\"}".utf8))
        let description = ExchangeDescription(
            messageID: "msg-1", side: .service, client: "DSAJ", service: "DSI.residence-check",
            purpose: "licence-check",
            outcome: .completed, statusCode: 200, requestHash: request)
        let event = try description.auditEvent()
        #expect(event.actor == "DSAJ")
        #expect(event.action == "interop.exchange")
        #expect(event.subject == "msg-1")
        #expect(event.correlationID == "msg-1")
        #expect(event.details?["side"] == "service")
        #expect(event.details?["status"] == "200")
        #expect(event.details?["requestHash"] == request)
        #expect(event.details?["responseHash"] == nil)
        #expect(!event.description.contains("licence-check"), "details stay redacted in descriptions")
    }

    @Test(arguments: [
        ("client", "CHAN Tai Man"), ("client", ""), ("purpose", "陳大文"),
        ("messageID", String(repeating: "a", count: 257)),
        ("requestHash", "sha-256:ABC"), ("requestHash", "md5:" + String(repeating: "0", count: 32)),
        ("requestHash", String(repeating: "0", count: 64)),
        ("responseHash", "sha-256:" + String(repeating: "G", count: 64)),
    ])
    func invalidFieldsAreRefusedWithoutEchoingValues(_ field: String, _ value: String) throws {
        var description = ExchangeDescription(
            messageID: "msg-1", side: .client, client: "DSAJ", service: "DSI", purpose: "p",
            outcome: .failed, requestHash: ExchangeDescription.digest(of: [1]))
        switch field {
        case "client": description.client = value
        case "purpose": description.purpose = value
        case "messageID": description.messageID = value
        case "requestHash": description.requestHash = value
        default: description.responseHash = value
        }
        #expect(throws: ExchangeAuditError.invalidField(field)) { try description.auditEvent() }
        let error = ExchangeAuditError.invalidField(field)
        #expect(value.isEmpty || !error.description.contains(value))
    }

    @Test func checkpointsEveryIntervalAndOnDemand() async throws {
        let clock = ManualClock()
        let (signer, key) = try Self.signer()
        let log = InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock)
        let auditor = try ExchangeAuditor(
            log: log, hashAlgorithm: .sha256, signer: signer, checkpointInterval: 3, clock: clock)
        for index in 0..<7 {
            try await auditor.record(
                ExchangeDescription(
                    messageID: "m\(index)", side: .client, client: "DSAJ", service: "DSI", purpose: "p",
                    outcome: .completed, requestHash: ExchangeDescription.digest(of: [UInt8(index)])))
        }
        #expect(await auditor.checkpoints.map(\.count) == [3, 6])
        clock.advance(by: 60)
        let onDemand = try await auditor.checkpoint()
        #expect(onDemand.count == 7)
        #expect(onDemand.lastSequence == 6)
        #expect(onDemand.head == (try await log.entries(from: 6, limit: 1)).first?.hash)
        #expect(onDemand.time == clock.now())
        // Asking again without new entries returns the same checkpoint.
        #expect(try await auditor.checkpoint() == onDemand)
        // The JWS verifies with the public key, carries kid and typ, and states the same values.
        let verified = try AuditCheckpoint.verify(onDemand.jws, key: try key.publicKey.verificationKey(for: .es256))
        #expect(verified == onDemand)
        let header = try CompactJWS(parsing: onDemand.jws).header
        #expect(header.keyID == "dsaj-audit-2026")
        #expect(header.type == AuditCheckpoint.jwsType)
        #expect(header.algorithm == .es256)
        // A checkpoint of an empty log covers the genesis hash.
        let empty = try ExchangeAuditor(
            log: InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock), hashAlgorithm: .sha256,
            signer: signer, clock: clock)
        let genesis = try await empty.checkpoint()
        #expect(genesis.count == 0)
        #expect(genesis.head == String(repeating: "0", count: 64))
        #expect(genesis.lastSequence == nil)
    }

    @Test func configurationIsChecked() throws {
        let (signer, key) = try Self.signer()
        let log = InMemoryAuditLog(hashFunction: HashAlgorithm.sha256)
        #expect(throws: ExchangeAuditError.self) {
            try ExchangeAuditor(
                log: log, hashAlgorithm: .sha256, signer: signer, checkpointInterval: 0, clock: ManualClock())
        }
        #expect(throws: ExchangeAuditError.self) { try AuditCheckpointSigner(key: key, keyID: "", issuer: "DSAJ") }
        #expect(!signer.description.contains("PRIVATE"))
    }

    @Test func auditorRefusesALogWithAnotherHashAlgorithm() async throws {
        let (signer, _) = try Self.signer()
        let auditor = try ExchangeAuditor(
            log: InMemoryAuditLog(hashFunction: HashAlgorithm.sm3), hashAlgorithm: .sha256, signer: signer,
            clock: ManualClock())
        await #expect(throws: ExchangeAuditError.hashAlgorithmMismatch) {
            try await auditor.record(
                ExchangeDescription(
                    messageID: "m", side: .client, client: "DSAJ", service: "DSI", purpose: "p", outcome: .completed,
                    requestHash: ExchangeDescription.digest(of: [1])))
        }
    }

    @Test func checkpointPayloadIsStrict() async throws {
        let (signer, key) = try Self.signer()
        let verification = try key.publicKey.verificationKey(for: .es256)
        // A payload with an extra member, signed by the right key, is still refused.
        let payload = Array(
            #"{"count":1,"extra":true,"hashAlgorithm":"sha-256","head":"00","issuer":"DSAJ","keyId":"dsaj-audit-2026","time":"2026-01-01T00:00:00.000Z","type":"egov-audit-checkpoint","version":"1"}"#
                .utf8)
        let jws = try await JWS.sign(
            payload: payload, header: JWSHeader(algorithm: .es256, type: AuditCheckpoint.jwsType, keyID: signer.keyID),
            key: key)
        #expect(throws: AuditCheckpointError.self) { try AuditCheckpoint.verify(jws, key: verification) }
        // A kid that differs from the payload's keyId.
        let checkpoint = try await AuditCheckpoint.sign(
            count: 0, head: "00", hashAlgorithm: "sha-256", time: TestPKI.referenceDate, signer: signer)
        let segments = checkpoint.jws.split(separator: ".").map(String.init)
        let other = try await JWS.sign(
            payload: try Base64URL.decode(segments[1]),
            header: JWSHeader(algorithm: .es256, type: AuditCheckpoint.jwsType, keyID: "other"), key: key)
        #expect(throws: AuditCheckpointError.keyIDMismatch) { try AuditCheckpoint.verify(other, key: verification) }
        // The wrong typ.
        let untyped = try await JWS.sign(
            payload: try Base64URL.decode(segments[1]), header: JWSHeader(algorithm: .es256, keyID: signer.keyID),
            key: key)
        #expect(throws: AuditCheckpointError.self) { try AuditCheckpoint.verify(untyped, key: verification) }
    }
}
