import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@testable import EGovInterop

/// Exporting an exchange audit log and verifying it offline, including every kind of tampering.
@Suite struct AuditExportTests {
    struct Fixture {
        let key: SoftwareSigningKey
        let auditor: ExchangeAuditor
        let log: InMemoryAuditLog
        let clock: ManualClock
        var verifier: AuditExportVerifier {
            get throws { AuditExportVerifier(key: try key.publicKey.verificationKey(for: .es256)) }
        }
    }

    /// 12 exchanges, a checkpoint every 5 entries (5, 10) and one at the head (12) on export.
    static func fixture(count: Int = 12, interval: Int? = 5) async throws -> (Fixture, [String]) {
        let clock = ManualClock()
        let key = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let log = InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock)
        let auditor = try ExchangeAuditor(
            log: log, hashAlgorithm: .sha256,
            signer: try AuditCheckpointSigner(key: key, keyID: "dsaj-audit-2026", issuer: "DSAJ"),
            checkpointInterval: interval, clock: clock)
        for index in 0..<count {
            clock.advance(by: 1.5)
            try await auditor.record(Self.exchange(index))
        }
        let export = try await auditor.exportJSONLines()
        let lines = String(decoding: export, as: UTF8.self).split(separator: "\n").map(String.init)
        return (Fixture(key: key, auditor: auditor, log: log, clock: clock), lines)
    }

    static func exchange(_ index: Int) -> ExchangeDescription {
        ExchangeDescription(
            messageID: "msg-\(index)", side: index % 2 == 0 ? .client : .service, client: "DSAJ",
            service: "DSI.residence-check", operation: "verify", purpose: "licence-check",
            outcome: index == 3 ? .rejected : .completed, statusCode: index == 3 ? 403 : 200,
            requestHash: ExchangeDescription.digest(of: Array("request \(index)".utf8)),
            responseHash: ExchangeDescription.digest(of: Array("response \(index)".utf8)))
    }

    static func bytes(_ lines: [String]) -> [UInt8] { Array((lines.joined(separator: "\n") + "\n").utf8) }

    /// The line index of the entry with sequence `sequence`.
    static func entryLine(_ lines: [String], _ sequence: Int) throws -> Int {
        try #require(lines.firstIndex { $0.contains(#""sequence":\#(sequence),"#) && $0.hasPrefix(#"{"entry""#) })
    }

    static func checkpointLine(_ lines: [String], count: Int) throws -> Int {
        try #require(lines.firstIndex { $0.hasPrefix(#"{"checkpoint":{"count":\#(count),"#) })
    }

    static func entries(_ lines: [String]) throws -> [AuditEntry] {
        try lines.filter { $0.hasPrefix(#"{"entry""#) }.map { line in
            let value = try JSONValue.parse(line)
            let entry = try #require(value["entry"])
            return try JSONDecoder().decode(AuditEntry.self, from: Data(try CanonicalJSON.serialize(entry)))
        }
    }

    @Test func validExportVerifies() async throws {
        let (fixture, lines) = try await Self.fixture()
        #expect(lines.first == #"{"format":"egov-audit-log","hashAlgorithm":"sha-256","type":"header","version":"1"}"#)
        let checkpoints = await fixture.auditor.checkpoints
        #expect(checkpoints.map(\.count) == [5, 10, 12])
        let result = try fixture.verifier.verify(Self.bytes(lines))
        #expect(result.valid)
        #expect(result.entries == 12)
        #expect(result.signedEntries == 12)
        #expect(result.checkpoints == 3)
        #expect(result.firstInvalid == nil)
        #expect(result.reason == nil)
        let last = try await fixture.log.entries(from: 11, limit: 1)
        #expect(result.head == last.first?.hash)
        // The chain itself also verifies with EGovCore.
        let chain = await fixture.log.verify()
        #expect(chain.isValid)
        // Expected count and head agree.
        #expect(try fixture.verifier.verify(Self.bytes(lines), expectedCount: 12, expectedHead: result.head).valid)
        // Entries carry references and digests only.
        #expect(lines[1].contains(#""requestHash":"sha-256:"#))
        #expect(lines[1].contains(#""action":"interop.exchange""#))
    }

    @Test func editedEntryIsDetected() async throws {
        let (fixture, original) = try await Self.fixture()
        var lines = original
        let index = try Self.entryLine(lines, 7)
        lines[index] = lines[index].replacingOccurrences(of: "licence-check", with: "tax-check")
        let result = try fixture.verifier.verify(Self.bytes(lines))
        #expect(!result.valid)
        #expect(result.firstInvalid == 7)
        #expect(result.reason == .hashMismatch)
    }

    @Test func deletedEntryIsDetected() async throws {
        let (fixture, original) = try await Self.fixture()
        var lines = original
        lines.remove(at: try Self.entryLine(lines, 3))
        let result = try fixture.verifier.verify(Self.bytes(lines))
        #expect(!result.valid)
        // The chain breaks at 3, but the checkpoint at 5 now follows four entries, so none of
        // entries 0-4 is vouched for: the first untrusted entry is 0.
        #expect(result.firstInvalid == 0)
        #expect(result.reason == .checkpointCountMismatch)
        #expect(result.signedEntries == 0)
    }

    @Test func insertedEntryIsDetected() async throws {
        let (fixture, original) = try await Self.fixture()
        var lines = original
        let entries = try Self.entries(lines)
        // A well-formed entry that links correctly to entry 3.
        let forged = try AuditEntry.sealed(
            sequence: 4, time: entries[3].time, event: try Self.exchange(99).auditEvent(),
            previousHash: entries[3].hash, hashFunction: HashAlgorithm.sha256)
        let forgedLine = String(
            decoding: try CanonicalJSON.serialize(
                .object(["type": .string("entry"), "entry": try JSONValue.parse(try CanonicalJSON.data(for: forged))])),
            as: UTF8.self)
        lines.insert(forgedLine, at: try Self.entryLine(lines, 3) + 1)
        let result = try fixture.verifier.verify(Self.bytes(lines))
        #expect(!result.valid)
        // The forged entry (4) lies before the checkpoint at 5, which now follows six entries: no
        // entry is vouched for, so the first untrusted entry is 0 (the chain alone breaks at 5).
        #expect(result.firstInvalid == 0)
        #expect(result.reason == .checkpointCountMismatch)
        #expect(result.signedEntries == 0)

        // The same insertion with the whole chain renumbered and rehashed is caught by the first
        // checkpoint, whose signed head no longer matches.
        var rewritten = Array(entries[0..<4])
        rewritten.append(forged)
        for entry in entries[4...] {
            rewritten.append(
                try AuditEntry.sealed(
                    sequence: rewritten.count, time: entry.time, event: entry.event,
                    previousHash: rewritten[rewritten.count - 1].hash, hashFunction: HashAlgorithm.sha256))
        }
        let export = try AuditExport.jsonLines(
            entries: rewritten, checkpoints: await fixture.auditor.checkpoints, hashAlgorithm: "sha-256")
        let rewrittenResult = try fixture.verifier.verify(export)
        #expect(!rewrittenResult.valid)
        #expect(rewrittenResult.firstInvalid == 0)
        #expect(rewrittenResult.reason == .checkpointHeadMismatch)
    }

    /// An entry inserted at position 7 with every later entry renumbered and rehashed, the
    /// checkpoint lines left where they were: the checkpoint at 10 now follows 11 entries, so the
    /// forgery lies after the last verified checkpoint (5). The verdict names entry 5, the first
    /// entry no verified checkpoint covers, not an entry after the forgery.
    @Test func insertedAndRehashedEntryIsNamedByTheLastVerifiedCheckpoint() async throws {
        let (fixture, original) = try await Self.fixture()
        let entries = try Self.entries(original)
        var rewritten = Array(entries[0..<7])
        rewritten.append(
            try AuditEntry.sealed(
                sequence: 7, time: entries[6].time, event: try Self.exchange(99).auditEvent(),
                previousHash: entries[6].hash, hashFunction: HashAlgorithm.sha256))
        for entry in entries[7...] {
            rewritten.append(
                try AuditEntry.sealed(
                    sequence: rewritten.count, time: entry.time, event: entry.event,
                    previousHash: rewritten[rewritten.count - 1].hash, hashFunction: HashAlgorithm.sha256))
        }
        func line(_ entry: AuditEntry) throws -> String {
            String(
                decoding: try CanonicalJSON.serialize(
                    .object(["type": .string("entry"), "entry": try JSONValue.parse(try CanonicalJSON.data(for: entry))])),
                as: UTF8.self)
        }
        // Entries 7… replaced in place, the forged one added before them; checkpoint lines untouched.
        var lines = original
        for sequence in 7..<entries.count {
            lines[try Self.entryLine(original, sequence)] = try line(rewritten[sequence + 1])
        }
        lines.insert(try line(rewritten[7]), at: try Self.entryLine(original, 7))
        #expect(AuditChain.verify(rewritten, hashFunction: HashAlgorithm.sha256).isValid)
        let result = try fixture.verifier.verify(Self.bytes(lines))
        #expect(!result.valid)
        #expect(result.signedEntries == 5)
        #expect(result.firstInvalid == 5)
        #expect(result.reason == .checkpointCountMismatch)
        #expect(result.entries == 13)
    }

    /// A checkpoint line given twice is refused, naming the line.
    @Test func repeatedCheckpointLineIsRefused() async throws {
        let (fixture, original) = try await Self.fixture()
        for count in [5, 12] {
            var lines = original
            let index = try Self.checkpointLine(lines, count: count)
            lines.insert(lines[index], at: index + 1)
            let error = #expect(throws: AuditExportError.self) { try fixture.verifier.verify(Self.bytes(lines)) }
            #expect(error?.code == "interop.audit.export.repeated_checkpoint")
            // Lines count from 1: the repeat is the line after the original.
            #expect(error?.reason.contains("line \(index + 2)") == true, "\(String(describing: error))")
        }
    }

    @Test func reorderedEntriesAreDetected() async throws {
        let (fixture, original) = try await Self.fixture()
        var lines = original
        lines.swapAt(try Self.entryLine(lines, 6), try Self.entryLine(lines, 7))
        let result = try fixture.verifier.verify(Self.bytes(lines))
        #expect(!result.valid)
        #expect(result.firstInvalid == 6)
        #expect(result.reason == .sequenceGap)
    }

    @Test func rewrittenSignedEntriesAreDetectedByTheCheckpoint() async throws {
        let (fixture, lines) = try await Self.fixture()
        var entries = try Self.entries(lines)
        // Edit entry 7 and recompute every hash from there: the chain is consistent again.
        var event = entries[7].event
        event.details?["purpose"] = "tax-check"
        for index in 7..<entries.count {
            entries[index] = try AuditEntry.sealed(
                sequence: index, time: entries[index].time, event: index == 7 ? event : entries[index].event,
                previousHash: entries[index - 1].hash, hashFunction: HashAlgorithm.sha256)
        }
        #expect(AuditChain.verify(entries, hashFunction: HashAlgorithm.sha256).isValid)
        let export = try AuditExport.jsonLines(
            entries: entries, checkpoints: await fixture.auditor.checkpoints, hashAlgorithm: "sha-256")
        let result = try fixture.verifier.verify(export)
        #expect(!result.valid)
        // Entries 0-4 are vouched for by the checkpoint at 5; the one at 10 no longer matches.
        #expect(result.firstInvalid == 5)
        #expect(result.reason == .checkpointHeadMismatch)
        #expect(result.signedEntries == 5)
    }

    @Test func truncationAfterACheckpoint() async throws {
        let (fixture, original) = try await Self.fixture()
        // Cut right after the checkpoint at 10: entries 10 and 11 and the head checkpoint vanish.
        let cut = Array(original[...(try Self.checkpointLine(original, count: 10))])
        let honestLimit = try fixture.verifier.verify(Self.bytes(cut))
        #expect(honestLimit.valid, "an unsigned tail can only be missed without an expected count or head")
        #expect(honestLimit.entries == 10)
        #expect(honestLimit.signedEntries == 10)
        let withCount = try fixture.verifier.verify(Self.bytes(cut), expectedCount: 12)
        #expect(!withCount.valid)
        #expect(withCount.firstInvalid == 10)
        #expect(withCount.reason == .countMismatch)
        let head = try Self.entries(original).last?.hash
        let withHead = try fixture.verifier.verify(Self.bytes(cut), expectedHead: head)
        #expect(!withHead.valid)
        #expect(withHead.reason == .headMismatch)

        // Removing signed entries while keeping the checkpoint that covers them is detected.
        var lines = original
        let checkpointIndex = try Self.checkpointLine(lines, count: 10)
        lines.removeSubrange((try Self.entryLine(lines, 7))..<checkpointIndex)
        let dropped = try fixture.verifier.verify(Self.bytes(Array(lines[...(checkpointIndex - 3)])))
        #expect(!dropped.valid)
        // Entries 0-4 are vouched for by the checkpoint at 5; from 5 on nothing is.
        #expect(dropped.firstInvalid == 5)
        #expect(dropped.signedEntries == 5)
        #expect(dropped.reason == .checkpointCountMismatch)
    }

    @Test func forgedCheckpointIsDetected() async throws {
        let (fixture, original) = try await Self.fixture()
        let index = try Self.checkpointLine(original, count: 10)
        var value = try JSONValue.parse(original[index])
        guard case .object(var members) = value, case .string(let jws)? = members["jws"] else {
            Issue.record("not a checkpoint line")
            return
        }
        // The same payload signed by another key.
        let segments = jws.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let otherKey = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let forgedJWS = try await JWS.sign(
            payload: try Base64URL.decode(segments[1]),
            header: JWSHeader(algorithm: .es256, type: AuditCheckpoint.jwsType, keyID: "dsaj-audit-2026"), key: otherKey
        )
        members["jws"] = .string(forgedJWS)
        value = .object(members)
        var lines = original
        lines[index] = String(decoding: try CanonicalJSON.serialize(value), as: UTF8.self)
        let forged = try fixture.verifier.verify(Self.bytes(lines))
        #expect(!forged.valid)
        #expect(forged.firstInvalid == 5)
        #expect(forged.reason == .checkpointSignatureInvalid)

        // A flipped signature byte.
        var flipped = Array(segments[2].utf8)
        flipped[4] = flipped[4] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
        members["jws"] = .string(segments[0] + "." + segments[1] + "." + String(decoding: flipped, as: UTF8.self))
        lines[index] = String(decoding: try CanonicalJSON.serialize(.object(members)), as: UTF8.self)
        #expect(try fixture.verifier.verify(Self.bytes(lines)).reason == .checkpointSignatureInvalid)

        // A readable checkpoint member that differs from the signed payload.
        lines = original
        lines[index] = lines[index].replacingOccurrences(
            of: #"{"checkpoint":{"count":10,"#, with: #"{"checkpoint":{"count":11,"#)
        let edited = try fixture.verifier.verify(Self.bytes(lines))
        #expect(edited.reason == .checkpointMalformed)
        #expect(edited.firstInvalid == 5)
    }

    @Test func wrongKeyFails() async throws {
        let (_, lines) = try await Self.fixture()
        let other = try PrivateKey.generate(.p256).publicKey.verificationKey(for: .es256)
        let result = try AuditExportVerifier(key: other).verify(Self.bytes(lines))
        #expect(!result.valid)
        #expect(result.firstInvalid == 0)
        #expect(result.reason == .checkpointSignatureInvalid)
        // Another algorithm entirely: the key decides the algorithm, not the JWS header.
        let ed = try PrivateKey.generate(.ed25519).publicKey.verificationKey(for: .edDSA)
        #expect(try AuditExportVerifier(key: ed).verify(Self.bytes(lines)).reason == .checkpointSignatureInvalid)
    }

    @Test func unsignedLogIsNotValid() async throws {
        let clock = ManualClock()
        let key = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let log = InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock)
        let auditor = try ExchangeAuditor(
            log: log, hashAlgorithm: .sha256, signer: try AuditCheckpointSigner(key: key, keyID: "k1", issuer: "DSAJ"),
            checkpointInterval: nil, clock: clock)
        try await auditor.record(Self.exchange(0))
        let export = try await auditor.exportJSONLines(checkpointHead: false)
        let result = try AuditExportVerifier(key: try key.publicKey.verificationKey(for: .es256)).verify(export)
        #expect(!result.valid)
        #expect(result.reason == .noCheckpoint)
        #expect(result.firstInvalid == 0)
        // An empty log with a checkpoint of nothing is valid.
        let emptyAuditor = try ExchangeAuditor(
            log: InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock), hashAlgorithm: .sha256,
            signer: try AuditCheckpointSigner(key: key, keyID: "k1", issuer: "DSAJ"), clock: clock)
        let empty = try AuditExportVerifier(key: try key.publicKey.verificationKey(for: .es256))
            .verify(try await emptyAuditor.exportJSONLines())
        #expect(empty.valid)
        #expect(empty.entries == 0)
        #expect(empty.checkpoints == 1)
    }

    @Test func parserLimitsAndMalformedInput() async throws {
        let (fixture, original) = try await Self.fixture()
        let verifier = try fixture.verifier
        let key = try fixture.key.publicKey.verificationKey(for: .es256)
        // Total size.
        let small = AuditExportVerifier(key: key, limits: .init(maximumTotalBytes: 100))
        #expect(throws: AuditExportError.tooLarge(limit: 100)) { try small.verify(Self.bytes(original)) }
        // Line size.
        let narrow = AuditExportVerifier(key: key, limits: .init(maximumLineBytes: 300))
        let narrowResult = try narrow.verify(Self.bytes(original))
        #expect(narrowResult.reason == .lineTooLong)
        #expect(narrowResult.firstInvalid == 0)
        // Entry count.
        let few = AuditExportVerifier(key: key, limits: .init(maximumEntries: 3))
        #expect(throws: AuditExportError.tooManyEntries(limit: 3)) { try few.verify(Self.bytes(original)) }
        // Header problems.
        #expect(throws: AuditExportError.self) { try verifier.verify([UInt8]()) }
        var lines = original
        lines[0] = lines[0].replacingOccurrences(of: #""version":"1""#, with: #""version":"9""#)
        #expect(throws: AuditExportError.unsupportedVersion) { try verifier.verify(Self.bytes(lines)) }
        lines = original
        lines[0] = lines[0].replacingOccurrences(of: "sha-256", with: "md5")
        #expect(throws: AuditExportError.unsupportedHashAlgorithm) { try verifier.verify(Self.bytes(lines)) }
        lines = original
        lines[0] = "[]"
        #expect(throws: AuditExportError.self) { try verifier.verify(Self.bytes(lines)) }
        // Garbage, a blank line, an unknown type, an unknown member, duplicate members: malformed
        // at that position.
        let position = try Self.entryLine(original, 4)
        let entryLine = original[position]
        for bad in [
            "not json", "", #"{"type":"note"}"#,
            entryLine.replacingOccurrences(of: #"{"entry":{"#, with: #"{"entry":{"extra":1,"#),
            entryLine.replacingOccurrences(of: #","type":"entry"}"#, with: #","type":"entry","type":"entry"}"#),
            entryLine.replacingOccurrences(of: #""sequence":4,"#, with: #""sequence":4.5,"#),
        ] {
            lines = original
            lines[position] = bad
            let result = try verifier.verify(Self.bytes(lines))
            #expect(result.reason == .malformedLine, "\(bad.prefix(40))")
            #expect(result.firstInvalid == 4)
            #expect(result.entries == 4)
        }
        // Invalid UTF-8 never crashes.
        var raw = Self.bytes(original)
        raw.insert(contentsOf: [0xFF, 0xFE, 0x0A], at: raw.count)
        #expect(try !verifier.verify(raw).valid)
    }
}

/// Key rotation: checkpoints signed by successive keys, verified with a key set.
@Suite struct AuditKeyRotationTests {
    @Test func rotatedKeysVerifyWithAKeySet() async throws {
        let clock = ManualClock()
        let log = InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock)
        let old = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let new = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let first = try ExchangeAuditor(
            log: log, hashAlgorithm: .sha256,
            signer: try AuditCheckpointSigner(key: old, keyID: "2025", issuer: "DSAJ"),
            checkpointInterval: 2, clock: clock)
        for index in 0..<4 { try await first.record(AuditExportTests.exchange(index)) }
        // After rotation the new auditor continues the same log and keeps the old checkpoints.
        let second = try ExchangeAuditor(
            log: log, hashAlgorithm: .sha256,
            signer: try AuditCheckpointSigner(key: new, keyID: "2026", issuer: "DSAJ"),
            checkpointInterval: 2, clock: clock, checkpoints: await first.checkpoints)
        for index in 4..<6 { try await second.record(AuditExportTests.exchange(index)) }
        let export = try await second.exportJSONLines()
        let keySet = JWSKeySet([
            .init(keyID: "2025", key: try old.publicKey.verificationKey(for: .es256)),
            .init(keyID: "2026", key: try new.publicKey.verificationKey(for: .es256)),
        ])
        let result = try AuditExportVerifier(keySet: keySet).verify(export)
        #expect(result.valid)
        #expect(result.checkpoints == 3)
        // Only the new key: the checkpoints of 2025 fail, from the start.
        let onlyNew = try AuditExportVerifier(key: try new.publicKey.verificationKey(for: .es256)).verify(export)
        #expect(onlyNew.reason == .checkpointSignatureInvalid)
        #expect(onlyNew.firstInvalid == 0)
        // A key set where "2026" names the old key: refused.
        let swapped = JWSKeySet([
            .init(keyID: "2025", key: try old.publicKey.verificationKey(for: .es256)),
            .init(keyID: "2026", key: try old.publicKey.verificationKey(for: .es256)),
        ])
        let wrong = try AuditExportVerifier(keySet: swapped).verify(export)
        #expect(wrong.reason == .checkpointSignatureInvalid)
        #expect(wrong.firstInvalid == 4)
    }
}
