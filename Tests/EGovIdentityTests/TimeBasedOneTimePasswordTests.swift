import EGovCrypto
import Foundation
import Testing

@testable import EGovIdentity

@Suite struct TimeBasedOneTimePasswordTests {
    static let sha1Seed = Array("12345678901234567890".utf8)
    static let sha256Seed = Array("12345678901234567890123456789012".utf8)
    static let sha512Seed = Array("1234567890123456789012345678901234567890123456789012345678901234".utf8)

    /// RFC 6238 appendix B, all 18 rows (8 digits, 30 s steps).
    @Test(arguments: [
        (59.0, "94287082", "46119246", "90693936"),
        (1_111_111_109, "07081804", "68084774", "25091201"),
        (1_111_111_111, "14050471", "67062674", "99943326"),
        (1_234_567_890, "89005924", "91819424", "93441116"),
        (2_000_000_000, "69279037", "90698825", "38618901"),
        (20_000_000_000, "65353130", "77737706", "47863826"),
    ])
    func rfc6238AppendixB(_ row: (Double, String, String, String)) throws {
        let time = Date(timeIntervalSince1970: row.0)
        #expect(
            try TimeBasedOneTimePassword(secret: Self.sha1Seed, algorithm: .sha1, digits: 8).code(at: time) == row.1)
        #expect(
            try TimeBasedOneTimePassword(secret: Self.sha256Seed, algorithm: .sha256, digits: 8).code(at: time) == row.2
        )
        #expect(
            try TimeBasedOneTimePassword(secret: Self.sha512Seed, algorithm: .sha512, digits: 8).code(at: time) == row.3
        )
    }

    /// RFC 4226 appendix D: HOTP values for counters 0...9.
    @Test func rfc4226AppendixD() throws {
        let expected = [
            "755224", "287082", "359152", "969429", "338314", "254676", "287922", "162583", "399871", "520489",
        ]
        let otp = try TimeBasedOneTimePassword(secret: Self.sha1Seed)
        for (counter, value) in expected.enumerated() {
            #expect(try otp.code(forStep: UInt64(counter)) == value)
        }
    }

    @Test func verificationWindowAndReplay() throws {
        let otp = try TimeBasedOneTimePassword(secret: Self.sha1Seed, digits: 8)
        let time = Date(timeIntervalSince1970: 1_111_111_111)
        let step = try otp.timeStep(at: time)
        #expect(try otp.verify("14050471", at: time) == step)
        // A code from the previous step is inside the default window of 1 ...
        #expect(try otp.verify("07081804", at: time) == step - 1)
        // ... but not with window 0, and never once its step was used.
        #expect(try otp.verify("07081804", at: time, window: 0) == nil)
        #expect(try otp.verify("14050471", at: time, lastUsedStep: step) == nil)
        // Malformed candidates are simply not accepted.
        for bad in ["1405047", "140504711", "1405047a", "１４０５０４７１", "", " 14050471"] {
            #expect(try otp.verify(bad, at: time) == nil)
        }
    }

    @Test func parametersAreChecked() {
        #expect(throws: OneTimePasswordError.secretTooShort(bytes: 10)) {
            try TimeBasedOneTimePassword(secret: Array(repeating: 1, count: 10))
        }
        #expect(throws: OneTimePasswordError.self) { try TimeBasedOneTimePassword(secret: Self.sha1Seed, digits: 5) }
        #expect(throws: OneTimePasswordError.timeBeforeEpoch) {
            try TimeBasedOneTimePassword(secret: Self.sha1Seed).timeStep(at: Date(timeIntervalSince1970: -1))
        }
    }

    @Test func descriptionAndURIHandling() throws {
        let otp = try TimeBasedOneTimePassword(secret: Self.sha1Seed)
        #expect(!otp.description.contains("GEZDGNBVGY3TQOJQ"))
        // RFC 4648 base32 of "12345678901234567890".
        #expect(
            otp.provisioningURI(issuer: "Macau", accountName: "a@b").contains("secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        )
    }
}
