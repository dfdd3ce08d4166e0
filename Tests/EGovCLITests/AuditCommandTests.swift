import EGovCore
import EGovCrypto
import EGovInterop
import EGovTesting
import Foundation
import Testing

@Suite("egov audit verify")
struct AuditCommandTests {
    /// An export of 6 exchanges with checkpoints at 3 and 6, and its lines.
    static func export(key: SoftwareSigningKey) async throws -> [String] {
        let clock = ManualClock()
        let auditor = try ExchangeAuditor(
            log: InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock), hashAlgorithm: .sha256,
            signer: try AuditCheckpointSigner(key: key, keyID: "dsaj-audit-2026", issuer: "DSAJ"),
            checkpointInterval: 3, clock: clock)
        for index in 0..<6 {
            clock.advance(by: 1)
            try await auditor.record(
                ExchangeDescription(
                    messageID: "msg-\(index)", side: .client, client: "DSAJ", service: "DSI.residence-check",
                    purpose: "licence-check", outcome: .completed,
                    requestHash: ExchangeDescription.digest(of: Array("request \(index)".utf8))))
        }
        let bytes = try await auditor.exportJSONLines()
        return String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
    }

    static func text(_ lines: [String]) -> String { lines.joined(separator: "\n") + "\n" }

    @Test("a valid log verifies (0); tampering and the wrong key fail (1) naming the first invalid entry")
    func verify() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let key = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let lines = try await Self.export(key: key)
        try dir.write("log.jsonl", Self.text(lines))
        try dir.write("key.pub", key.publicKey.pemRepresentation)
        try dir.write("other.pub", try PrivateKey.generate(.p256).publicKey.pemRepresentation)

        let valid = try await CLIRunner.egov(["audit", "verify", "--key", dir.path("key.pub"), dir.path("log.jsonl")])
        #expect(valid.status == 0, "\(valid.stderr)")
        let json = try valid.json()
        #expect(json["valid"] as? Bool == true)
        #expect(json["entries"] as? Int == 6)
        #expect(json["firstInvalid"] is NSNull)
        #expect(json["reason"] is NSNull)
        #expect(json["signedEntries"] as? Int == 6)

        // Edit entry 4.
        var edited = lines
        let index = try #require(edited.firstIndex { $0.contains(#""subject":"msg-4""#) })
        edited[index] = edited[index].replacingOccurrences(of: "licence-check", with: "tax-check")
        try dir.write("edited.jsonl", Self.text(edited))
        let tampered = try await CLIRunner.egov([
            "audit", "verify", "--key", dir.path("key.pub"), dir.path("edited.jsonl"),
        ])
        #expect(tampered.status == 1)
        #expect(try tampered.json()["valid"] as? Bool == false)
        #expect(try tampered.json()["firstInvalid"] as? Int == 4)
        #expect(try tampered.json()["reason"] as? String == "hashMismatch")

        // Wrong key.
        let wrongKey = try await CLIRunner.egov([
            "audit", "verify", "--key", dir.path("other.pub"), dir.path("log.jsonl"),
        ])
        #expect(wrongKey.status == 1)
        #expect(try wrongKey.json()["firstInvalid"] as? Int == 0)
        #expect(try wrongKey.json()["reason"] as? String == "checkpointSignatureInvalid")

        // Truncated tail (entries 4 and 5 and the checkpoint at 6 gone; entry 3 stays, unsigned):
        // only detectable with the expected count.
        #expect(lines.count == 9)
        let truncated = Array(lines[0..<(lines.count - 3)])
        try dir.write("truncated.jsonl", Self.text(truncated))
        let quiet = try await CLIRunner.egov([
            "audit", "verify", "--key", dir.path("key.pub"), dir.path("truncated.jsonl"),
        ])
        #expect(quiet.status == 0, "entries after the last checkpoint are unsigned")
        #expect(try quiet.json()["signedEntries"] as? Int == 3)
        #expect(try quiet.json()["entries"] as? Int == 4)
        let counted = try await CLIRunner.egov([
            "audit", "verify", "--key", dir.path("key.pub"), "--expected-count", "6", dir.path("truncated.jsonl"),
        ])
        #expect(counted.status == 1)
        #expect(try counted.json()["reason"] as? String == "countMismatch")
        #expect(try counted.json()["firstInvalid"] as? Int == 4)

        // From standard input.
        let piped = try await CLIRunner.egov(
            ["audit", "verify", "--key", dir.path("key.pub"), "-"], stdin: Data(Self.text(lines).utf8))
        #expect(piped.status == 0, "\(piped.stderr)")
    }

    @Test("unreadable input exits 65, usage errors 64")
    func badInput() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let key = try PrivateKey.generate(.p256).signingKey(for: .es256)
        try dir.write("key.pub", key.publicKey.pemRepresentation)
        try dir.write("junk.jsonl", "not an audit log\n")
        let junk = try await CLIRunner.egov(["audit", "verify", "--key", dir.path("key.pub"), dir.path("junk.jsonl")])
        #expect(junk.status == 65)
        #expect(try junk.errorJSON()["error"] == "interop.audit.export.invalid_header")
        try dir.write(
            "future.jsonl",
            #"{"format":"egov-audit-log","hashAlgorithm":"sha-256","type":"header","version":"2"}"# + "\n")
        let future = try await CLIRunner.egov([
            "audit", "verify", "--key", dir.path("key.pub"), dir.path("future.jsonl"),
        ])
        #expect(future.status == 65)
        #expect(try future.errorJSON()["error"] == "interop.audit.export.unsupported_version")
        let missing = try await CLIRunner.egov([
            "audit", "verify", "--key", dir.path("key.pub"), dir.path("nope.jsonl"),
        ])
        #expect(missing.status != 0 && missing.status != 1)
        let badHead = try await CLIRunner.egov([
            "audit", "verify", "--key", dir.path("key.pub"), "--expected-head", "XYZ", dir.path("junk.jsonl"),
        ])
        #expect(badHead.status == 64)
        let noKey = try await CLIRunner.egov(["audit", "verify", dir.path("junk.jsonl")])
        #expect(noKey.status == 64)
        try dir.write("bad.pub", "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")
        let badKey = try await CLIRunner.egov(["audit", "verify", "--key", dir.path("bad.pub"), dir.path("junk.jsonl")])
        #expect(badKey.status == 65)
    }
}
