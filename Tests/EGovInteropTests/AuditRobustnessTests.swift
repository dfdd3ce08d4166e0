import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@testable import EGovInterop

/// Checkpoint algorithms, concurrent recording, and mutated exports.
@Suite struct AuditRobustnessTests {
    @Test(arguments: [SignatureAlgorithm.es256, .es384, .edDSA, .sm2])
    func checkpointsVerifyWithEachAlgorithm(_ algorithm: SignatureAlgorithm) async throws {
        let key = try PrivateKey.generate(for: algorithm).signingKey(for: algorithm)
        let clock = ManualClock()
        let auditor = try ExchangeAuditor(
            log: InMemoryAuditLog(
                hashFunction: algorithm == .sm2 ? HashAlgorithm.sm3 : HashAlgorithm.sha256, clock: clock),
            hashAlgorithm: algorithm == .sm2 ? .sm3 : .sha256,
            signer: try AuditCheckpointSigner(key: key, keyID: "k-\(algorithm.rawValue)", issuer: "DSAJ"),
            checkpointInterval: 2, clock: clock)
        for index in 0..<5 {
            try await auditor.record(
                ExchangeDescription(
                    messageID: "m\(index)", side: .service, client: "DSAJ", service: "DSI", purpose: "p",
                    outcome: .completed, requestHash: ExchangeDescription.digest(of: [UInt8(index)], algorithm: .sm3)))
        }
        let export = try await auditor.exportJSONLines()
        let result = try AuditExportVerifier(key: try key.publicKey.verificationKey(for: algorithm)).verify(export)
        #expect(result.valid, "\(result)")
        #expect(result.checkpoints == 3)
        #expect(result.signedEntries == 5)
    }

    @Test func concurrentRecordsKeepCheckpointsAligned() async throws {
        let clock = ManualClock()
        let key = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let auditor = try ExchangeAuditor(
            log: InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock), hashAlgorithm: .sha256,
            signer: try AuditCheckpointSigner(key: key, keyID: "k1", issuer: "DSAJ"), checkpointInterval: 5,
            clock: clock)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                group.addTask {
                    try await auditor.record(
                        ExchangeDescription(
                            messageID: "m\(index)", side: .client, client: "DSAJ", service: "DSI", purpose: "p",
                            outcome: .completed, requestHash: ExchangeDescription.digest(of: [UInt8(index)])))
                }
            }
            try await group.waitForAll()
        }
        #expect(await auditor.checkpoints.map(\.count) == [5, 10, 15, 20, 25, 30, 35, 40])
        let result = try AuditExportVerifier(key: try key.publicKey.verificationKey(for: .es256))
            .verify(try await auditor.exportJSONLines())
        #expect(result.valid)
        #expect(result.entries == 40)
        #expect(result.checkpoints == 8)
    }

    /// Every single-byte change to an export is caught (or refused outright), and nothing crashes.
    @Test func mutatedExportsNeverVerify() async throws {
        let (fixture, lines) = try await AuditExportTests.fixture(count: 6, interval: 3)
        let original = AuditExportTests.bytes(lines)
        let verifier = try fixture.verifier
        var state: UInt64 = 0x5EED_2026
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<300 {
            var mutated = original
            let position = next() % mutated.count
            var replacement = UInt8(truncatingIfNeeded: next())
            if replacement == mutated[position] { replacement ^= 0x20 }
            mutated[position] = replacement
            do {
                let result = try verifier.verify(mutated)
                #expect(!result.valid, "byte \(position) changed to \(replacement) still verified")
            } catch {
                // Refused outright (header damaged): fine.
            }
        }
        // Truncation at every line boundary: a prefix is either invalid or reads as an older log
        // whose signed part ends at a checkpoint (the tail after it is unsigned, the documented limit).
        for count in 1..<lines.count {
            let result = try verifier.verify(AuditExportTests.bytes(Array(lines[0..<count])))
            if result.valid {
                #expect(result.signedEntries <= result.entries)
                #expect(result.signedEntries % 3 == 0)
                #expect(
                    try verifier.verify(AuditExportTests.bytes(Array(lines[0..<count])), expectedCount: 6).valid
                        == (result.entries == 6))
            }
        }
    }
}
