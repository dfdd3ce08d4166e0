import Foundation
import Testing

@testable import EGovIdentity

/// A department-specific scheme for the tests: `DEP-` followed by four digits.
private struct DepartmentFileScheme: IdentifierScheme {
    let id: String
    let maximumInputLength = 16

    func normalize(_ raw: String) -> String { raw.trimmingCharacters(in: .whitespaces) }

    func validate(_ raw: String, at date: Date?) -> IdentifierValidation {
        let normalized = normalize(raw)
        let ok = normalized.count == 8 && normalized.hasPrefix("DEP-") && normalized.dropFirst(4).allSatisfy(\.isNumber)
        return IdentifierValidation(
            schemeID: id, normalized: normalized, masked: mask(normalized), failure: ok ? nil : .invalidFormat,
            checkCharacterVerified: false)
    }
}

@Suite("Identifier scheme registry")
struct IdentifierSchemeRegistryTests {
    @Test("built-in schemes are registered by id")
    func builtIns() {
        let registry = IdentifierSchemeRegistry.builtIn
        #expect(registry.schemeIDs == ["cn-elicense", "cn-rid", "cn-uscc", "hk-hkid", "mo-bir", "mrz-td3"])
        #expect(registry.scheme(id: "cn-rid") is CNResidentIdentityScheme)
        #expect(registry.scheme(id: "xx-none") == nil)
    }

    @Test("a department can register its own scheme and validate with it")
    func customScheme() throws {
        let registry = try IdentifierSchemeRegistry.builtIn.registering(DepartmentFileScheme(id: "mo-dsal-file"))
        #expect(try registry.validate("DEP-1234", scheme: "mo-dsal-file").isValid)
        #expect(try registry.validate("DEP-12X4", scheme: "mo-dsal-file").failure == .invalidFormat)
        // The built-in registry value is unchanged.
        #expect(IdentifierSchemeRegistry.builtIn.scheme(id: "mo-dsal-file") == nil)
    }

    @Test("duplicate ids are refused, including built-in ids")
    func duplicates() throws {
        var registry = IdentifierSchemeRegistry.builtIn
        #expect(throws: IdentityError.duplicateScheme(id: "cn-rid")) {
            try registry.register(DepartmentFileScheme(id: "cn-rid"))
        }
        try registry.register(DepartmentFileScheme(id: "custom"))
        #expect(throws: IdentityError.duplicateScheme(id: "custom")) {
            try registry.register(DepartmentFileScheme(id: "custom"))
        }
    }

    @Test("malformed and unknown scheme ids")
    func badIDs() {
        var registry = IdentifierSchemeRegistry()
        #expect(throws: IdentityError.invalidSchemeID) { try registry.register(DepartmentFileScheme(id: "Bad ID")) }
        #expect(throws: IdentityError.invalidSchemeID) { try registry.register(DepartmentFileScheme(id: "")) }
        #expect(throws: IdentityError.unknownScheme(id: "cn-rid")) { try registry.validate("1", scheme: "cn-rid") }
    }

    @Test("identifiers are created only from valid input, and errors carry no value")
    func partyIdentifier() throws {
        let registry = IdentifierSchemeRegistry.builtIn
        let identifier = try registry.identifier("1234567(8)", scheme: "mo-bir")
        #expect(identifier.value == "12345678")
        #expect(identifier.description == "mo-bir: 1******8")
        do {
            _ = try registry.identifier("110105194912310021", scheme: "cn-rid")
            Issue.record("expected an error")
        } catch {
            #expect(error == .invalidIdentifier(schemeID: "cn-rid", failure: .invalidCheckCharacter))
            #expect(error.code == "identity.identifier.invalid")
            #expect(!error.description.contains("110105194912310021"))
        }
    }
}
