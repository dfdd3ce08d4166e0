import EGovCore
import EGovCrypto
import EGovNotifications
import EGovTesting
import Foundation
import Testing

@Suite struct NotificationEvidenceTests {
    static func keys() throws -> (SoftwareSigningKey, SoftwareVerificationKey) {
        let privateKey = try PrivateKey.generate(.ed25519)
        let signing = try SoftwareSigningKey(privateKey: privateKey, algorithm: .edDSA)
        let verification = try SoftwareVerificationKey(publicKey: privateKey.publicKey, algorithm: .edDSA)
        return (signing, verification)
    }

    /// A chain of four records for one legally effective notice.
    static func chain(key: SoftwareSigningKey) async throws -> [EvidenceRecord] {
        let clock = ManualClock()
        let store = InMemoryNotificationStore()
        let notice = try NotificationFixtures.notice(category: .legallyEffective)
        _ = try await store.enqueue(notice, at: clock.now())
        let recorder = EvidenceRecorder(store: store, key: key)
        let events: [(EvidenceEventType, NotificationChannel?)] = [
            (.submissionAcceptance, nil), (.contentConsignment, .inbox), (.contentHandover, .inbox),
            (.acceptanceByRecipient, .inbox),
        ]
        for (type, channel) in events {
            try await recorder.record(
                type, notice: notice, channel: channel, contentDigest: NotificationFixtures.digest, at: clock.now())
            clock.advance(by: 60)
        }
        return await store.evidence(for: notice.id)
    }

    @Test func recordsCarryTheETSIFieldsAndVerify() async throws {
        let (signing, verification) = try Self.keys()
        let records = try await Self.chain(key: signing)
        #expect(records.count == 4)
        #expect(records.map(\.body.sequence) == [0, 1, 2, 3])
        #expect(records[0].body.eventType == "http://uri.etsi.org/19522/Event/SubmissionAcceptance")
        #expect(records[1].body.deliveryID == "N-1#inbox")
        #expect(records[1].body.issuer == "dept-tax")
        #expect(records[1].body.recipient == "acct-N-1")
        #expect(records[1].body.previousHash == records[0].hash)
        #expect(records[0].body.previousHash == EvidenceChain.genesisHash)
        #expect(
            EvidenceChain.verify(records, key: verification)
                == EvidenceVerification(valid: true, firstInvalidIndex: nil))
    }

    @Test func editedRecordIsDetected() async throws {
        let (signing, verification) = try Self.keys()
        var records = try await Self.chain(key: signing)
        var body = records[2].body
        body.timeMilliseconds += 1
        records[2] = EvidenceRecord(body: body, jws: records[2].jws)
        #expect(
            EvidenceChain.verify(records, key: verification) == EvidenceVerification(valid: false, firstInvalidIndex: 2)
        )
    }

    @Test func deletedRecordIsDetected() async throws {
        let (signing, verification) = try Self.keys()
        var records = try await Self.chain(key: signing)
        records.remove(at: 1)
        #expect(EvidenceChain.verify(records, key: verification).firstInvalidIndex == 1)
        let truncated = Array(try await Self.chain(key: signing).prefix(3))
        #expect(EvidenceChain.verify(truncated, key: verification).valid)
        #expect(EvidenceChain.verify(truncated, key: verification, expectedCount: 4).firstInvalidIndex == 3)
    }

    @Test func reorderedRecordsAreDetected() async throws {
        let (signing, verification) = try Self.keys()
        var records = try await Self.chain(key: signing)
        records.swapAt(1, 2)
        #expect(
            EvidenceChain.verify(records, key: verification) == EvidenceVerification(valid: false, firstInvalidIndex: 1)
        )
    }

    @Test func wrongKeyIsDetected() async throws {
        let (signing, _) = try Self.keys()
        let (_, otherVerification) = try Self.keys()
        let records = try await Self.chain(key: signing)
        #expect(EvidenceChain.verify(records, key: otherVerification).firstInvalidIndex == 0)
    }

    @Test func resignedForgeryWithAnotherKeyIsDetected() async throws {
        let (signing, verification) = try Self.keys()
        let (forger, _) = try Self.keys()
        var records = try await Self.chain(key: signing)
        var body = records[3].body
        body.contentDigest = String(repeating: "00", count: 32)
        records[3] = try await EvidenceChain.makeRecord(body, after: records[2], key: forger)
        #expect(EvidenceChain.verify(records, key: verification).firstInvalidIndex == 3)
    }

    @Test func jsonLinesRoundTripAndVerifyOffline() async throws {
        let (signing, verification) = try Self.keys()
        let records = try await Self.chain(key: signing)
        let text = try EvidenceChain.exportJSONLines(records)
        #expect(text.split(separator: "\n").count == 4)
        let imported = try EvidenceChain.importJSONLines(text)
        #expect(imported == records)
        #expect(EvidenceChain.verify(imported, key: verification).valid)
        let tampered = text.replacingOccurrences(of: "acct-N-1", with: "acct-N-2")
        #expect(!EvidenceChain.verify(try EvidenceChain.importJSONLines(tampered), key: verification).valid)
        #expect(throws: NotificationError.invalidEvidenceJSON(line: 2, error: JSONParseError(kind: .unexpectedCharacter, offset: 1))) {
            try EvidenceChain.importJSONLines("\(text.split(separator: "\n")[0])\n{not json}\n")
        }
    }

    /// An empty chain proves nothing was signed: it never verifies.
    @Test func emptyChainIsNotValid() throws {
        let (_, verification) = try Self.keys()
        #expect(EvidenceChain.verify([], key: verification) == EvidenceVerification(valid: false, firstInvalidIndex: 0))
        #expect(!EvidenceChain.verify([], key: verification, expectedCount: 0).valid)
    }

    /// Records are read with the strict JSON parser: a repeated member is not strict JSON.
    @Test func importRefusesDuplicateMembers() async throws {
        let (signing, _) = try Self.keys()
        let records = try await Self.chain(key: signing)
        let lines = try EvidenceChain.exportJSONLines(records).split(separator: "\n").map(String.init)
        let jws = #","jws":"\#(records[1].jws)"}"#
        #expect(lines[1].hasSuffix(jws))
        let doubled = String(lines[1].dropLast(jws.count)) + jws.dropLast() + jws
        #expect(throws: NotificationError.self) { try EvidenceChain.importJSONLines(lines[0] + "\n" + doubled + "\n") }
        do {
            _ = try EvidenceChain.importJSONLines(lines[0] + "\n" + doubled + "\n")
        } catch {
            #expect(error.code == "notifications.evidence.invalid_json" && error.reason.contains("line 2"), "\(error)")
        }
        // A repeated member inside the body, too.
        let body = lines[1].replacingOccurrences(of: #""issuer":"#, with: #""issuer":"dept-tax","issuer":"#)
        #expect(body != lines[1])
        #expect(throws: NotificationError.self) { try EvidenceChain.importJSONLines(body) }
        do {
            _ = try EvidenceChain.importJSONLines(body)
        } catch {
            #expect(error.code == "notifications.evidence.invalid_json" && error.reason.contains("line 1"), "\(error)")
        }
    }

    @Test func informationalNoticesGetNoEvidence() async throws {
        let (signing, _) = try Self.keys()
        let store = InMemoryNotificationStore()
        let notice = try NotificationFixtures.notice(category: .informational)
        _ = try await store.enqueue(notice, at: TestPKI.referenceDate)
        try await EvidenceRecorder(store: store, key: signing).record(
            .submissionAcceptance, notice: notice, channel: nil, contentDigest: NotificationFixtures.digest,
            at: TestPKI.referenceDate)
        #expect(await store.evidence(for: notice.id).isEmpty)
    }
}
