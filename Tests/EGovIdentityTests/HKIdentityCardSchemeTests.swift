import Testing

@testable import EGovIdentity

@Suite("hk-hkid: Hong Kong identity card")
struct HKIdentityCardSchemeTests {
    let scheme = HKIdentityCardScheme()

    @Test("documented worked examples validate", arguments: ["A123456(3)", "AB123456(9)", "A1234563", "AB1234569"])
    func workedExamples(_ value: String) {
        #expect(scheme.validate(value).isValid)
    }

    @Test("examples recomputed with the algorithm, including check character A")
    func recomputed() {
        #expect(HKIdentityCardScheme.checkCharacter(for: "A123456") == "3")
        #expect(HKIdentityCardScheme.checkCharacter(for: "AB123456") == "9")
        #expect(HKIdentityCardScheme.checkCharacter(for: "C668668") == "9")
        #expect(HKIdentityCardScheme.checkCharacter(for: "D288754") == "2")
        #expect(HKIdentityCardScheme.checkCharacter(for: "G123456") == "A")
        #expect(scheme.validate("G123456(A)").isValid)
        #expect(scheme.validate("C668668(9)").isValid)
    }

    @Test("normalization removes the brackets and masks the value")
    func normalization() {
        let result = scheme.validate(" A123456(3) ")
        #expect(result.normalized == "A1234563")
        #expect(result.masked == "A******3")
    }

    @Test("wrong check character, including the impossible C668668(E)")
    func wrongCheck() {
        #expect(scheme.validate("A123456(4)").failure == .invalidCheckCharacter)
        #expect(scheme.validate("C668668(A)").failure == .invalidCheckCharacter)
        #expect(scheme.validate("C668668(E)").failure == .invalidCharacter(position: 8))
    }

    @Test("lowercase and full-width input are rejected")
    func lowercaseAndFullWidth() {
        #expect(scheme.validate("a123456(3)").failure == .invalidCharacter(position: 1))
        #expect(scheme.validate("g123456(a)").failure == .invalidCharacter(position: 1))
        #expect(scheme.validate("G123456(a)").failure == .invalidCharacter(position: 8))
        #expect(scheme.validate(fullWidth("A123456(3)")).failure == .invalidCharacter(position: 1))
    }

    @Test("wrong length, bad structure, empty and over-long input")
    func structure() {
        #expect(scheme.validate("A12345(6)").failure == .wrongLength)
        #expect(scheme.validate("ABC123456(7)").failure == .invalidCharacter(position: 3))
        #expect(scheme.validate("1234567(8)").failure == .invalidCharacter(position: 1))
        #expect(scheme.validate("A123456(3").failure == .invalidCharacter(position: 8))
        #expect(scheme.validate("").failure == .empty)
        #expect(scheme.validate(String(repeating: "A", count: 33)).failure == .tooLong(maximum: 32))
    }
}
