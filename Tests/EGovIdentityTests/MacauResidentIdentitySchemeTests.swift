import Testing

@testable import EGovIdentity

@Suite("mo-bir: Macao resident identity card (format only)")
struct MacauResidentIdentitySchemeTests {
    let scheme = MacauResidentIdentityScheme()

    @Test(
        "written forms normalize to eight digits", arguments: ["1234567(8)", "1/234567/8", "12345678", " 1234567(8)\t"])
    func writtenForms(_ value: String) {
        let result = scheme.validate(value)
        #expect(result.isValid)
        #expect(result.normalized == "12345678")
        #expect(result.masked == "1******8")
    }

    @Test("the check digit is reported as not verified")
    func checkNotVerified() {
        let result = scheme.validate("5215299(8)")
        #expect(result.isValid)
        #expect(!result.checkCharacterVerified)
    }

    @Test("first digit must be 1, 5 or 7", arguments: ["1", "5", "7"])
    func acceptedSeries(_ first: String) {
        #expect(scheme.validate(first + "234567(8)").isValid)
    }

    @Test("other first digits are rejected", arguments: ["0", "2", "3", "4", "6", "8", "9"])
    func rejectedSeries(_ first: String) {
        #expect(scheme.validate(first + "234567(8)").failure == .invalidCategory)
    }

    @Test("invalid characters, full-width digits and lowercase letters")
    func invalidCharacters() {
        #expect(scheme.validate(fullWidth("1234567(8)")).failure == .invalidCharacter(position: 1))
        #expect(scheme.validate("1234567(a)").failure == .invalidCharacter(position: 8))
        #expect(scheme.validate("12345a78").failure == .invalidCharacter(position: 6))
        #expect(scheme.validate("1234567-8").failure == .invalidCharacter(position: 8))
    }

    @Test("wrong length, empty and over-long input")
    func lengths() {
        #expect(scheme.validate("1234567").failure == .wrongLength)
        #expect(scheme.validate("123456789").failure == .wrongLength)
        #expect(scheme.validate("").failure == .empty)
        #expect(scheme.validate(String(repeating: "1", count: 40)).failure == .tooLong(maximum: 32))
    }
}
