import Foundation
import Testing

@testable import EGovIdentity

@Suite("cn-rid: PRC resident identity number")
struct CNResidentIdentitySchemeTests {
    let scheme = CNResidentIdentityScheme()

    @Test("GB 11643-1999 published example validates, with and without a date")
    func publishedExample() {
        let result = scheme.validate("11010519491231002X")
        #expect(result.isValid)
        #expect(result.normalized == "11010519491231002X")
        #expect(result.masked == "11**************2X")
        #expect(result.checkCharacterVerified)
        #expect(scheme.validate(" 11010519491231002X\n", at: utc(2026, 1, 1)).isValid)
        #expect(scheme.validate("110105200002290021").isValid)  // leap day 2000
    }

    @Test("wrong check character")
    func wrongCheck() {
        #expect(scheme.validate("110105194912310021").failure == .invalidCheckCharacter)
    }

    @Test("impossible birth dates")
    func badDate() {
        #expect(scheme.validate("110105194902300020").failure == .invalidDate)  // 30 February
        #expect(scheme.validate("110105190002290025").failure == .invalidDate)  // 1900 not leap
        #expect(scheme.validate("110105179912310024").failure == .invalidDate)  // before 1800
    }

    @Test("birth date after the validation date")
    func futureDate() {
        #expect(scheme.validate("110105209912310029", at: utc(2026, 1, 1)).failure == .dateInFuture)
        // Without a date the check is skipped.
        #expect(scheme.validate("110105209912310029").isValid)
        // Born 2026-01-01: valid from that day in China Standard Time (2025-12-31 16:00 UTC).
        #expect(scheme.validate("110105202601010027", at: utc(2025, 12, 31, 16)).isValid)
        #expect(scheme.validate("110105202601010027", at: utc(2025, 12, 31, 15)).failure == .dateInFuture)
        // Extreme validation dates do not trap.
        #expect(scheme.validate("11010519491231002X", at: .distantFuture).isValid)
        #expect(scheme.validate("11010519491231002X", at: .distantPast).failure == .dateInFuture)
        #expect(scheme.validate("11010519491231002X", at: Date(timeIntervalSince1970: .infinity)).isValid)
    }

    @Test("region first digit outside 1–8")
    func badRegion() {
        #expect(scheme.validate("910105194912310029").failure == .invalidRegion)
    }

    @Test("wrong length, empty and over-long input")
    func lengths() {
        #expect(scheme.validate("11010519491231002").failure == .wrongLength)
        #expect(scheme.validate("11010519491231002X1").failure == .wrongLength)
        #expect(scheme.validate("1101051949123100X2").failure == .invalidCharacter(position: 17))
        #expect(scheme.validate("").failure == .empty)
        #expect(scheme.validate("   ").failure == .empty)
        let long = scheme.validate(String(repeating: "1", count: 65))
        #expect(long.failure == .tooLong(maximum: 64))
        #expect(long.normalized.isEmpty)
    }

    @Test("lowercase check character, full-width digits and other characters are rejected")
    func invalidCharacters() {
        #expect(scheme.validate("11010519491231002x").failure == .invalidCharacter(position: 18))
        #expect(scheme.validate(fullWidth("11010519491231002X")).failure == .invalidCharacter(position: 1))
        #expect(scheme.validate("110105-19491231002X").failure == .invalidCharacter(position: 7))
        #expect(scheme.validate("1101051949123100AX").failure == .invalidCharacter(position: 17))
        #expect(scheme.validate("X10105194912310029").failure == .invalidCharacter(position: 1))
    }

    @Test("failure descriptions never contain the value")
    func noPersonalData() {
        let result = scheme.validate("110105194912310021")
        #expect(!result.description.contains("110105194912310021"))
        #expect(!String(describing: result.failure).contains("1949"))
    }
}
