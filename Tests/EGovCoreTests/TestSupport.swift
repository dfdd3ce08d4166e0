import EGovCore
import Foundation

/// TEST ONLY — NOT A CRYPTOGRAPHIC HASH. FNV-1a (64-bit) run four times with different prefixes
/// and concatenated into 32 bytes, so that the audit chain logic can be tested deterministically
/// without EGovCrypto. Never use outside tests.
struct TestOnlyFNVHash: HashFunction {
    var identifier: String { "test-fnv1a-256" }

    func hash(_ bytes: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        for lane in UInt8(0)..<4 {
            var state: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in [lane] + bytes {
                state ^= UInt64(byte)
                state = state &* 0x0000_0100_0000_01B3
            }
            for shift in stride(from: 56, through: 0, by: -8) {
                output.append(UInt8(truncatingIfNeeded: state >> UInt64(shift)))
            }
        }
        return output
    }
}

/// TEST ONLY — a different identifier with the same digest, to test algorithm checks.
struct OtherTestHash: HashFunction {
    var identifier: String { "test-other" }
    func hash(_ bytes: [UInt8]) -> [UInt8] { TestOnlyFNVHash().hash(bytes) }
}

/// A clock frozen at a fixed instant.
struct FixedClock: WallClock {
    var date: Date = Date(timeIntervalSince1970: 1_767_225_600.25)  // 2026-01-01T00:00:00.250Z
    func now() -> Date { date }
}

extension String {
    /// The UTF-8 bytes of the string.
    var bytes: [UInt8] { Array(utf8) }
}
