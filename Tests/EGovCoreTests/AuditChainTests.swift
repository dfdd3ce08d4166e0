import EGovCore
import Foundation
import Testing

@Suite struct AuditChainTests {
    let hash = TestOnlyFNVHash()

    func event(_ index: Int) -> AuditEvent {
        AuditEvent(
            actor: "account:\(index % 3)", action: "consent.granted", subject: "consent:\(index)",
            details: index.isMultiple(of: 2) ? ["purpose": "tax-\(index)"] : nil,
            correlationID: index.isMultiple(of: 3) ? "corr-\(index)" : nil)
    }

    func makeChain(_ count: Int) async throws -> [AuditEntry] {
        let log = InMemoryAuditLog(hashFunction: hash, clock: FixedClock())
        for index in 0..<count { _ = try await log.append(event(index)) }
        return try await log.entries(from: 0, limit: count)
    }

    /// Re-seals entries from `start` on so that each is internally consistent, as a forger would.
    func reseal(_ entries: [AuditEntry], from start: Int, renumber: Bool) throws -> [AuditEntry] {
        var result = Array(entries.prefix(start))
        for index in start..<entries.count {
            let entry = entries[index]
            result.append(
                try AuditEntry.sealed(
                    sequence: renumber ? index : entry.sequence, time: entry.time, event: entry.event,
                    previousHash: result.last?.hash ?? AuditChain.genesisHash(for: hash), hashFunction: hash))
        }
        return result
    }

    @Test func validChain() async throws {
        let entries = try await makeChain(6)
        let result = AuditChain.verify(entries, hashFunction: hash)
        #expect(result.isValid)
        #expect(result.entryCount == 6)
        #expect(result.firstInvalidIndex == nil)
        #expect(result.failure == nil)
        #expect(result.head == entries.last?.hash)
        #expect(entries.map(\.sequence) == Array(0..<6))
        #expect(entries[0].previousHash == String(repeating: "0", count: 64))
        for index in 1..<entries.count {
            #expect(entries[index].previousHash == entries[index - 1].hash)
        }
        #expect(
            entries.allSatisfy {
                $0.hash.count == 64 && $0.hash.allSatisfy { "0123456789abcdef".contains($0) }
            })
        #expect(entries.allSatisfy { $0.hashAlgorithm == "test-fnv1a-256" })
        let head = entries.last?.hash
        let anchored = AuditChain.verify(
            entries, hashFunction: hash, expectedHead: head, expectedCount: 6)
        #expect(anchored.isValid)
    }

    @Test func emptyChainIsValid() {
        let result = AuditChain.verify([], hashFunction: hash)
        #expect(result.isValid)
        #expect(result.head == nil)
    }

    @Test func editedFieldDetectedAtThatEntry() async throws {
        let entries = try await makeChain(5)
        let original = entries[2]
        var edited = entries
        var changedEvent = original.event
        changedEvent.details = ["purpose": "something else"]
        edited[2] = AuditEntry(
            sequence: original.sequence, time: original.time, event: changedEvent,
            hashAlgorithm: original.hashAlgorithm,
            previousHash: original.previousHash, hash: original.hash)
        let result = AuditChain.verify(edited, hashFunction: hash)
        #expect(!result.isValid)
        #expect(result.firstInvalidIndex == 2)
        #expect(result.failure == .hashMismatch)

        var retimed = entries
        retimed[3] = AuditEntry(
            sequence: 3, time: entries[3].time.addingTimeInterval(1), event: entries[3].event,
            hashAlgorithm: entries[3].hashAlgorithm, previousHash: entries[3].previousHash,
            hash: entries[3].hash)
        #expect(AuditChain.verify(retimed, hashFunction: hash).firstInvalidIndex == 3)
        #expect(AuditChain.verify(retimed, hashFunction: hash).failure == .hashMismatch)
    }

    @Test func editedAndResealedEntryBreaksTheNextLink() async throws {
        let entries = try await makeChain(5)
        var changedEvent = entries[1].event
        changedEvent.subject = "consent:forged"
        var forged = entries
        forged[1] = try AuditEntry.sealed(
            sequence: 1, time: entries[1].time, event: changedEvent,
            previousHash: entries[1].previousHash,
            hashFunction: hash)
        let result = AuditChain.verify(forged, hashFunction: hash)
        #expect(result.firstInvalidIndex == 2)
        #expect(result.failure == .brokenLink)
    }

    @Test func deletedEntryDetected() async throws {
        let entries = try await makeChain(5)
        var deleted = entries
        deleted.remove(at: 2)
        let result = AuditChain.verify(deleted, hashFunction: hash)
        #expect(result.firstInvalidIndex == 2)
        #expect(result.failure == .sequenceGap)
        // A forger who renumbers without resealing breaks the hash at the same index.
        var renumbered = Array(deleted.prefix(2))
        for (offset, entry) in deleted.dropFirst(2).enumerated() {
            renumbered.append(
                AuditEntry(
                    sequence: 2 + offset, time: entry.time, event: entry.event,
                    hashAlgorithm: entry.hashAlgorithm,
                    previousHash: entry.previousHash, hash: entry.hash))
        }
        let renumberedResult = AuditChain.verify(renumbered, hashFunction: hash)
        #expect(renumberedResult.firstInvalidIndex == 2)
        #expect(renumberedResult.failure == .brokenLink)
    }

    @Test func insertedEntryDetected() async throws {
        let entries = try await makeChain(5)
        // A copy of an existing entry inserted at index 3.
        var inserted = entries
        inserted.insert(entries[1], at: 3)
        let result = AuditChain.verify(inserted, hashFunction: hash)
        #expect(result.firstInvalidIndex == 3)
        #expect(result.failure == .sequenceGap)
        // A well-forged entry that links correctly is still caught at the next original entry.
        var forged = Array(entries.prefix(3))
        forged.append(
            try AuditEntry.sealed(
                sequence: 3, time: entries[2].time, event: event(99), previousHash: entries[2].hash,
                hashFunction: hash))
        forged.append(contentsOf: entries.dropFirst(3))
        let forgedResult = AuditChain.verify(forged, hashFunction: hash)
        #expect(forgedResult.firstInvalidIndex == 4)
        #expect(forgedResult.failure == .sequenceGap)
    }

    @Test func reorderedEntriesDetected() async throws {
        let entries = try await makeChain(5)
        var swapped = entries
        swapped.swapAt(1, 3)
        let result = AuditChain.verify(swapped, hashFunction: hash)
        #expect(result.firstInvalidIndex == 1)
        #expect(result.failure == .sequenceGap)
        // Reordered and renumbered and resealed from index 1: consistent, so only an anchor catches it.
        let rewritten = try reseal(swapped, from: 1, renumber: true)
        #expect(AuditChain.verify(rewritten, hashFunction: hash).isValid)
        let anchored = AuditChain.verify(
            rewritten, hashFunction: hash, expectedHead: entries.last?.hash)
        #expect(anchored.failure == .headMismatch)
    }

    @Test func truncationDetectedWithExpectedHeadOrCount() async throws {
        let entries = try await makeChain(5)
        let head = try #require(entries.last?.hash)
        let truncated = Array(entries.prefix(3))
        // Truncation at the end is undetectable without an anchor.
        #expect(AuditChain.verify(truncated, hashFunction: hash).isValid)
        let byHead = AuditChain.verify(truncated, hashFunction: hash, expectedHead: head)
        #expect(!byHead.isValid)
        #expect(byHead.failure == .headMismatch)
        #expect(byHead.firstInvalidIndex == 3)
        let byCount = AuditChain.verify(truncated, hashFunction: hash, expectedCount: 5)
        #expect(byCount.failure == .countMismatch)
        #expect(byCount.firstInvalidIndex == 3)
        let emptied = AuditChain.verify([], hashFunction: hash, expectedHead: head)
        #expect(emptied.failure == .headMismatch)
        #expect(emptied.firstInvalidIndex == 0)
    }

    @Test func algorithmMismatchDetected() async throws {
        let entries = try await makeChain(3)
        let result = AuditChain.verify(entries, hashFunction: OtherTestHash())
        #expect(result.failure == .algorithmMismatch)
        #expect(result.firstInvalidIndex == 0)
    }

    @Test func hashIsRecomputableFromExportedJSON() async throws {
        let entries = try await makeChain(3)
        for entry in entries {
            let exported = try JSONEncoder().encode(entry)
            guard case .object(var members) = try JSONValue.parse(Array(exported)) else {
                Issue.record("entry did not encode as an object")
                return
            }
            #expect(members["hash"] == .string(entry.hash))
            members["hash"] = nil
            let canonical = try CanonicalJSON.serialize(.object(members))
            #expect(canonical == (try entry.hashedBytes()))
            let digest = hash.hash(canonical).map { String($0, radix: 16) }.map {
                $0.count == 1 ? "0" + $0 : $0
            }
            #expect(digest.joined() == entry.hash)
            #expect(try JSONDecoder().decode(AuditEntry.self, from: exported) == entry)
        }
    }

    @Test func stableJSONShape() async throws {
        let log = InMemoryAuditLog(hashFunction: hash, clock: FixedClock())
        let entry = try await log.append(
            AuditEvent(
                actor: "svc:a", action: "consent.granted", subject: "consent:1", correlationID: "c-1"))
        let canonical = String(decoding: try CanonicalJSON.data(for: entry), as: UTF8.self)
        #expect(
            canonical
                == #"{"event":{"action":"consent.granted","actor":"svc:a","correlationId":"c-1","subject":"consent:1"},"#
                + #""hash":"\#(entry.hash)","hashAlgorithm":"test-fnv1a-256","#
                + #""previousHash":"\#(String(repeating: "0", count: 64))","sequence":0,"time":"2026-01-01T00:00:00.250Z"}"#
        )
        #expect(
            String(decoding: try entry.hashedBytes(), as: UTF8.self).contains(
                #""time":"2026-01-01T00:00:00.250Z""#))
    }

    @Test func decodingRejectsMalformedTime() throws {
        let bad =
            #"{"sequence":0,"time":"2026-02-30T00:00:00.000Z","event":{"actor":"a","action":"b","subject":"c"},"#
            + #""hashAlgorithm":"x","previousHash":"0","hash":"0"}"#
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(AuditEntry.self, from: Data(bad.utf8))
        }
    }

    @Test func descriptionsDoNotRevealDetails() async throws {
        let secretEvent = AuditEvent(
            actor: "account:1", action: "identity.verified", subject: "case:9",
            details: ["idNumber": "1234567(8)", "name": "Chan Tai Man"])
        let log = InMemoryAuditLog(hashFunction: hash, clock: FixedClock())
        let entry = try await log.append(secretEvent)
        for text in [
            secretEvent.description, secretEvent.debugDescription, String(describing: secretEvent),
            String(reflecting: secretEvent), entry.description, String(reflecting: entry), "\(entry)",
        ] {
            #expect(!text.contains("1234567"))
            #expect(!text.contains("Chan Tai Man"))
            #expect(!text.contains("idNumber"))
        }
        var dumped = ""
        dump(secretEvent, to: &dumped)
        #expect(!dumped.contains("Chan Tai Man"))
        #expect(secretEvent.description.contains("identity.verified"))
    }

    @Test func inMemoryLogPagingAndCount() async throws {
        let log = InMemoryAuditLog(hashFunction: hash, clock: FixedClock())
        for index in 0..<10 { _ = try await log.append(event(index)) }
        #expect(await log.count == 10)
        #expect(try await log.entries(from: 8, limit: 5).map(\.sequence) == [8, 9])
        #expect(try await log.entries(from: 10, limit: 5).isEmpty)
        #expect(try await log.entries(from: 2, limit: 0).isEmpty)
        await #expect(throws: AuditLogError.invalidRange) { try await log.entries(from: -1, limit: 1) }
        await #expect(throws: AuditLogError.invalidRange) { try await log.entries(from: 0, limit: -1) }
        #expect(await log.verify().isValid)
    }

    @Test func concurrentAppendsKeepAValidChain() async throws {
        let log: any AuditLog = InMemoryAuditLog(hashFunction: hash, clock: FixedClock())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for task in 0..<50 {
                group.addTask {
                    for index in 0..<20 {
                        _ = try await log.append(
                            AuditEvent(actor: "task:\(task)", action: "record.appended", subject: "item:\(index)")
                        )
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(try await log.count == 1000)
        let verification = try await log.verify()
        #expect(verification.isValid)
        #expect(verification.entryCount == 1000)
        let entries = try await log.entries(from: 0, limit: 1000)
        #expect(
            AuditChain.verify(
                entries, hashFunction: hash, expectedHead: verification.head, expectedCount: 1000
            ).isValid)
        #expect(Set(entries.map(\.event)).count == 1000)
    }
}
