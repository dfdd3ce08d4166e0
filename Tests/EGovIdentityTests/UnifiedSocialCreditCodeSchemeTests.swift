import Testing

@testable import EGovIdentity

@Suite("cn-uscc: Unified Social Credit Code")
struct UnifiedSocialCreditCodeSchemeTests {
    let scheme = UnifiedSocialCreditCodeScheme()

    @Test(
        "published codes validate (both the mod-31 and the embedded GB 11714 check)",
        arguments: ["91350100M000100Y43", "91110000600037341L", "11100000000013338W"])
    func publishedExamples(_ code: String) {
        let result = scheme.validate(code)
        #expect(result.isValid)
        #expect(result.checkCharacterVerified)
    }

    @Test("check characters computed from the published examples")
    func computedChecks() {
        #expect(UnifiedSocialCreditCodeScheme.checkCharacter(for: "91350100M000100Y4") == "3")
        #expect(UnifiedSocialCreditCodeScheme.organisationCodeCheckCharacter(for: "M000100Y") == "4")
        #expect(UnifiedSocialCreditCodeScheme.organisationCodeCheckCharacter(for: "60003734") == "1")
        #expect(scheme.validate("91350100M000100Y43").masked == "91***************3")
    }

    @Test("wrong check character")
    func wrongCheck() {
        #expect(scheme.validate("91350100M000100Y44").failure == .invalidCheckCharacter)
    }

    @Test("embedded organisation code check is verified")
    func embeddedCheck() {
        // Position 17 altered and position 18 recomputed so that only GB 11714 fails.
        #expect(scheme.validate("91350100M000100Y56").failure == .invalidEmbeddedCode)
        // A pilot-region code that does not satisfy the standard's checks.
        #expect(!scheme.validate("91350100M0001TGQXM").isValid)
    }

    @Test("category and region codes")
    func categoryAndRegion() {
        #expect(scheme.validate("01350100M000100Y4C").failure == .invalidCategory)
        #expect(scheme.validate("9Y350100M000100Y49").failure == .invalidCategory)
        #expect(scheme.validate("91950100M000100Y4B").failure == .invalidRegion)
        #expect(scheme.validate("91A50100M000100Y43").failure == .invalidCharacter(position: 3))
    }

    @Test("letters outside the alphabet, lowercase and full-width input")
    func invalidCharacters() {
        #expect(scheme.validate("91350100M000100I43").failure == .invalidCharacter(position: 16))
        #expect(scheme.validate("91350100M000100O43").failure == .invalidCharacter(position: 16))
        #expect(scheme.validate("91350100m000100y43").failure == .invalidCharacter(position: 9))
        #expect(scheme.validate(fullWidth("91350100M000100Y43")).failure == .invalidCharacter(position: 1))
        #expect(scheme.validate("91350100-M000100Y43").failure == .invalidCharacter(position: 9))
    }

    @Test("wrong length, empty and over-long input")
    func lengths() {
        #expect(scheme.validate("91350100M000100Y4").failure == .wrongLength)
        #expect(scheme.validate("91350100M000100Y433").failure == .wrongLength)
        #expect(scheme.validate("").failure == .empty)
        #expect(scheme.validate(String(repeating: "9", count: 65)).failure == .tooLong(maximum: 64))
    }
}
