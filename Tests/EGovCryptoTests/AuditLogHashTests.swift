import EGovCore
import EGovCrypto
import Foundation
import Testing

/// The audit chain from EGovCore, hashed with the real engine (SHA-256 and SM3).
@Suite struct AuditLogHashTests {
    struct FixedClock: WallClock {
        func now() -> Date { Date(timeIntervalSince1970: 1_790_000_000) }
    }

    @Test(arguments: [HashAlgorithm.sha256, .sm3])
    func chainVerifiesAndDetectsEdits(_ hash: HashAlgorithm) async throws {
        let log = InMemoryAuditLog(hashFunction: hash, clock: FixedClock())
        for index in 0..<5 {
            _ = try await log.append(AuditEvent(actor: "dept-a", action: "consent.granted", subject: "ref-\(index)"))
        }
        #expect(await log.verify().isValid)
        var entries = try await log.entries(from: 0, limit: 10)
        #expect(entries.count == 5)
        #expect(entries.allSatisfy { $0.hashAlgorithm == hash.identifier && $0.hash.count == 64 })
        // The first link is the all-zero genesis value of the algorithm's length.
        #expect(entries[0].previousHash == String(repeating: "0", count: 64))
        entries.swapAt(1, 2)
        let result = AuditChain.verify(entries, hashFunction: hash)
        #expect(!result.isValid)
        #expect(result.firstInvalidIndex == 1)
    }
}
