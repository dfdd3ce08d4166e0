import EGovCertificates
import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

/// The issuing department's side: allocation, status changes, publication, audit, persistence.
@Suite struct StatusListIssuerTests {
    let uri = StatusListTestSupport.uri

    private func issuer(
        bits: Int = 2, capacity: Int = 131_072, randomIndices: Bool = true, auditLog: (any AuditLog)? = nil,
        clock: ManualClock = ManualClock()
    ) throws -> (StatusListIssuer, JWSKeySet) {
        let (signer, keySet) = try StatusListTestSupport.keys(.es256)
        let issuer = try StatusListIssuer(
            uri: uri, bits: bits, capacity: capacity, signingKey: signer, keyID: "status-1", clock: clock,
            auditLog: auditLog, randomIndices: randomIndices)
        return (issuer, keySet)
    }

    @Test func tenThousandAllocationsAreUniqueAndUnordered() async throws {
        let (issuer, _) = try issuer()
        var seen = Set<Int>()
        var order: [Int] = []
        for _ in 0..<10_000 {
            let reference = try await issuer.allocate()
            #expect(reference.uri == uri)
            #expect((0..<131_072).contains(reference.index))
            seen.insert(reference.index)
            order.append(reference.index)
        }
        #expect(seen.count == 10_000)
        #expect(await issuer.allocatedCount == 10_000)
        // Random order: not the sequence 0, 1, 2, … and not sorted.
        #expect(order != Array(0..<10_000))
        #expect(order != order.sorted())
    }

    @Test func sequentialAllocationCountsUp() async throws {
        let (issuer, _) = try issuer(capacity: 10, randomIndices: false)
        var indices: [Int] = []
        for _ in 0..<10 { indices.append(try await issuer.allocate().index) }
        #expect(indices == Array(0..<10))
        await #expect(throws: StatusListError.listFull(capacity: 10)) { try await issuer.allocate() }
    }

    @Test func fullListIsRefusedAndEveryIndexUsedOnce() async throws {
        // Capacity 37 with 2 bits: the list rounds up to 40 entries, but only 37 are allocatable.
        let (issuer, _) = try issuer(capacity: 37)
        var seen = Set<Int>()
        for _ in 0..<37 { seen.insert(try await issuer.allocate().index) }
        #expect(seen == Set(0..<37))
        await #expect(throws: StatusListError.listFull(capacity: 37)) { try await issuer.allocate() }
        await #expect(throws: StatusListError.listFull(capacity: 37)) { try await issuer.allocate() }
    }

    @Test func transitionsAndInvalidIsFinal() async throws {
        let (issuer, _) = try issuer()
        let reference = try await issuer.allocate()
        #expect(try await issuer.status(of: reference) == .valid)
        await #expect(throws: StatusListError.invalidTransition(from: .valid, to: .valid)) {
            try await issuer.reinstate(reference)
        }
        try await issuer.suspend(reference)
        #expect(try await issuer.status(of: reference) == .suspended)
        await #expect(throws: StatusListError.invalidTransition(from: .suspended, to: .suspended)) {
            try await issuer.suspend(reference)
        }
        try await issuer.reinstate(reference)
        #expect(try await issuer.status(of: reference) == .valid)
        try await issuer.suspend(reference)
        try await issuer.revoke(reference, reason: "suspended, then revoked")
        #expect(try await issuer.status(of: reference) == .invalid)
        await #expect(throws: StatusListError.invalidTransition(from: .invalid, to: .valid)) {
            try await issuer.reinstate(reference)
        }
        await #expect(throws: StatusListError.invalidTransition(from: .invalid, to: .suspended)) {
            try await issuer.suspend(reference)
        }
        await #expect(throws: StatusListError.invalidTransition(from: .invalid, to: .invalid)) {
            try await issuer.revoke(reference, reason: nil)
        }
        #expect(try await issuer.status(of: reference) == .invalid)

        let direct = try await issuer.allocate()
        try await issuer.revoke(direct, reason: nil)
        #expect(try await issuer.status(of: direct) == .invalid)
    }

    @Test func foreignReferencesAreRefused() async throws {
        let (issuer, _) = try issuer(capacity: 100, randomIndices: false)
        let reference = try await issuer.allocate()
        let otherList = try StatusReference(index: reference.index, uri: "https://status.example.gov/statuslists/2")
        await #expect(throws: StatusListError.unknownReference) { try await issuer.revoke(otherList, reason: nil) }
        let unallocated = try StatusReference(index: 50, uri: uri)
        await #expect(throws: StatusListError.unknownReference) { try await issuer.status(of: unallocated) }
        await #expect(throws: StatusListError.unknownReference) { try await issuer.suspend(unallocated) }
        let beyond = try StatusReference(index: 100, uri: uri)
        await #expect(throws: StatusListError.unknownReference) { try await issuer.revoke(beyond, reason: nil) }
    }

    @Test func oneBitListsCannotSuspend() async throws {
        let (issuer, _) = try issuer(bits: 1, capacity: 8)
        let reference = try await issuer.allocate()
        await #expect(throws: StatusListError.valueTooLarge(value: 2, bits: 1)) { try await issuer.suspend(reference) }
        #expect(try await issuer.status(of: reference) == .valid)
        try await issuer.revoke(reference, reason: nil)
        #expect(try await issuer.status(of: reference) == .invalid)
    }

    @Test func invalidConfigurationIsRefused() throws {
        let (signer, _) = try StatusListTestSupport.keys(.es256)
        let clock = ManualClock()
        #expect(throws: StatusListError.invalidBits(3)) {
            try StatusListIssuer(uri: uri, bits: 3, signingKey: signer, keyID: nil, clock: clock)
        }
        #expect(throws: StatusListError.invalidSize(0)) {
            try StatusListIssuer(uri: uri, capacity: 0, signingKey: signer, keyID: nil, clock: clock)
        }
        #expect(throws: StatusListError.invalidParameter("uri is not an absolute URI")) {
            try StatusListIssuer(uri: "statuslists/1", signingKey: signer, keyID: nil, clock: clock)
        }
    }

    @Test func publishedTokenReflectsChanges() async throws {
        let clock = ManualClock()
        let (issuer, keySet) = try issuer(clock: clock)
        let revoked = try await issuer.allocate()
        let suspended = try await issuer.allocate()
        let reinstated = try await issuer.allocate()
        let untouched = try await issuer.allocate()
        try await issuer.revoke(revoked, reason: "key compromise")
        try await issuer.suspend(suspended)
        try await issuer.suspend(reinstated)
        try await issuer.reinstate(reinstated)

        let jwt = try await issuer.publish(validFor: 86_400, timeToLive: 3600)
        clock.advance(by: 120)
        let token = try StatusListToken.verify(jwt, keys: keySet, expectedURI: uri, at: clock.now())
        #expect(token.issuedAt == TestPKI.referenceDate)
        #expect(token.expiresAt == TestPKI.referenceDate.addingTimeInterval(86_400))
        #expect(token.timeToLive == 3600)
        #expect(token.list.bits == 2)
        #expect(token.list.count == 131_072)
        #expect(try token.status(of: revoked) == .invalid)
        #expect(try token.status(of: suspended) == .suspended)
        #expect(try token.status(of: reinstated) == .valid)
        #expect(try token.status(of: untouched) == .valid)
        #expect(
            token.list.nonZeroIndices == [revoked.index: 1, suspended.index: 2])

        // A later publication reflects a later change; the earlier token is unchanged.
        try await issuer.revoke(suspended, reason: nil)
        let later = try await issuer.publish(validFor: 60)
        let laterToken = try StatusListToken.verify(later, keys: keySet, expectedURI: uri, at: clock.now())
        #expect(try laterToken.status(of: suspended) == .invalid)
        #expect(laterToken.issuedAt == TestPKI.referenceDate.addingTimeInterval(120))
        #expect(try token.status(of: suspended) == .suspended)
        await expectStatusListErrorAsync(code: "certificates.status_list.invalid_parameter") {
            _ = try await issuer.publish(validFor: 0)
        }
    }

    @Test func auditEntriesAreAppended() async throws {
        let clock = ManualClock()
        let log = InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock)
        let (issuer, _) = try issuer(auditLog: log, clock: clock)
        let reference = try await issuer.allocate()
        try await issuer.suspend(reference, reason: "investigation")
        try await issuer.reinstate(reference)
        try await issuer.revoke(reference, reason: "holder request")
        await #expect(throws: StatusListError.self) { try await issuer.reinstate(reference) }

        let entries = try await log.entries(from: 0, limit: 10)
        #expect(entries.map(\.event.action) == ["status.suspended", "status.reinstated", "status.revoked"])
        #expect(entries.allSatisfy { $0.event.subject == uri && $0.event.actor == uri })
        #expect(entries.map { $0.event.details?["index"] } == Array(repeating: String(reference.index), count: 3))
        #expect(entries.map { $0.event.details?["previous"] } == ["valid", "suspended", "valid"])
        #expect(entries[0].event.details?["reason"] == "investigation")
        #expect(entries[1].event.details?["reason"] == nil)
        #expect(entries[2].event.details?["reason"] == "holder request")
        #expect(await log.verify().isValid)
    }

    @Test func failedAuditUndoesTheChange() async throws {
        let (issuer, _) = try issuer(auditLog: FailingAuditLog())
        let reference = try await issuer.allocate()
        await #expect(throws: FailingAuditLog.Failure.self) { try await issuer.revoke(reference, reason: nil) }
        #expect(try await issuer.status(of: reference) == .valid)
    }

    @Test func snapshotRestoresWithoutReuse() async throws {
        let (signer, keySet) = try StatusListTestSupport.keys(.es256)
        let clock = ManualClock()
        let issuer = try StatusListIssuer(
            uri: uri, bits: 2, capacity: 64, signingKey: signer, keyID: "status-1", clock: clock)
        var first = Set<Int>()
        var references: [StatusReference] = []
        for _ in 0..<40 {
            let reference = try await issuer.allocate()
            first.insert(reference.index)
            references.append(reference)
        }
        try await issuer.revoke(references[0], reason: nil)
        try await issuer.suspend(references[1])

        let snapshot = try await issuer.snapshot()
        let stored = try JSONEncoder().encode(snapshot)
        let decoded = try JSONDecoder().decode(StatusListIssuerSnapshot.self, from: stored)
        #expect(decoded == snapshot)
        let restored = try StatusListIssuer(snapshot: decoded, signingKey: signer, keyID: "status-1", clock: clock)
        #expect(await restored.allocatedCount == 40)
        #expect(try await restored.status(of: references[0]) == .invalid)
        #expect(try await restored.status(of: references[1]) == .suspended)
        #expect(try await restored.status(of: references[2]) == .valid)
        var second = Set<Int>()
        for _ in 0..<24 { second.insert(try await restored.allocate().index) }
        #expect(second.count == 24)
        #expect(first.isDisjoint(with: second))
        #expect(first.union(second) == Set(0..<64))
        await #expect(throws: StatusListError.listFull(capacity: 64)) { try await restored.allocate() }
        let token = try StatusListToken.verify(
            try await restored.publish(validFor: 60), keys: keySet, expectedURI: uri, at: clock.now())
        #expect(try token.status(of: references[0]) == .invalid)

        // A status at an index that was never allocated: the snapshot is refused, not repaired.
        var damaged = snapshot
        var statuses = try StatusList(bits: 2, encoded: snapshot.statuses)
        let free = try #require((0..<64).first { !first.contains($0) })
        try statuses.setStatus(.invalid, at: free)
        damaged.statuses = try statuses.encoded()
        #expect(throws: StatusListError.invalidSnapshot("an unallocated index has a status")) {
            try StatusListIssuer(snapshot: damaged, signingKey: signer, keyID: nil, clock: clock)
        }
        var resized = snapshot
        resized.capacity = 128
        #expect(throws: StatusListError.invalidSnapshot("the status list has the wrong size")) {
            try StatusListIssuer(snapshot: resized, signingKey: signer, keyID: nil, clock: clock)
        }
    }
}

/// An audit log whose appends always fail.
private struct FailingAuditLog: AuditLog {
    struct Failure: Error {}
    func append(_ event: AuditEvent) async throws -> AuditEntry { throw Failure() }
    func entries(from: Int, limit: Int) async throws -> [AuditEntry] { [] }
    var count: Int { get async throws { 0 } }
    func verify() async throws -> AuditVerification { .valid(entryCount: 0, head: nil) }
}
