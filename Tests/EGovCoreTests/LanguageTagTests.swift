import EGovCore
import Foundation
import Testing

@Suite struct LanguageTagTests {
    @Test(arguments: [
        ("zh-Hant-MO", "zh-Hant-MO"), ("ZH-hant-mo", "zh-Hant-MO"), ("pt", "pt"), ("PT-mo", "pt-MO"),
        ("en-US", "en-US"), ("es-419", "es-419"), ("sl-rozaj-biske", "sl-rozaj-biske"),
        ("de-CH-1901", "de-CH-1901"), ("zh-yue-HK", "zh-yue-HK"), ("sr-Latn-RS", "sr-Latn-RS"),
        ("hawaii", "hawaii"),
    ])
    func acceptsAndNormalises(input: String, expected: String) throws {
        #expect(try LanguageTag(input).rawValue == expected)
    }

    @Test func parsedComponents() throws {
        let tag = try LanguageTag("zh-hant-mo")
        #expect(tag.language == "zh")
        #expect(tag.script == "Hant")
        #expect(tag.region == "MO")
        #expect(tag.variants.isEmpty)
        #expect(tag == .zhHantMO)
    }

    @Test(arguments: [
        ("", LanguageTag.ParseError.empty),
        ("zh_Hant", .invalidLanguage),
        ("z", .invalidLanguage),
        ("abcd", .invalidLanguage),
        ("abcdefghi", .invalidLanguage),
        ("zh-", .emptySubtag(index: 1)),
        ("-zh", .emptySubtag(index: 0)),
        ("zh--MO", .emptySubtag(index: 1)),
        ("zh-Hant-Hans", .invalidSubtag(index: 2)),
        ("zh-MO-Hant", .invalidSubtag(index: 2)),
        ("en-US-toolongvariant", .invalidSubtag(index: 2)),
        ("de-1901-1901", .duplicateVariant(index: 2)),
        ("en-u-ca-gregory", .unsupportedExtension(index: 1)),
        ("x-private", .invalidLanguage),
        ("zh-Hänt", .invalidSubtag(index: 1)),
        ("zh Hant", .invalidLanguage),
    ])
    func rejects(input: String, expected: LanguageTag.ParseError) {
        #expect(throws: expected) { try LanguageTag(input) }
    }

    @Test func rejectsOverlongTag() {
        let long = "en" + String(repeating: "-abcdefgh", count: 8)
        #expect(long.utf8.count > LanguageTag.maximumLength)
        #expect(throws: LanguageTag.ParseError.tooLong(limit: LanguageTag.maximumLength)) {
            try LanguageTag(long)
        }
    }

    @Test func constants() {
        #expect(LanguageTag.zhHantMO.rawValue == "zh-Hant-MO")
        #expect(LanguageTag.zhHant.rawValue == "zh-Hant")
        #expect(LanguageTag.zhHans.rawValue == "zh-Hans")
        #expect(LanguageTag.ptMO.rawValue == "pt-MO")
        #expect(LanguageTag.pt.rawValue == "pt")
        #expect(LanguageTag.en.rawValue == "en")
    }

    @Test func truncationChain() throws {
        #expect(
            LanguageTag.zhHantMO.truncationChain.map(\.rawValue) == ["zh-Hant-MO", "zh-Hant", "zh"])
        #expect(LanguageTag.en.truncationChain.map(\.rawValue) == ["en"])
        #expect(
            try LanguageTag("de-CH-1901").truncationChain.map(\.rawValue) == [
                "de-CH-1901", "de-CH", "de",
            ])
    }

    @Test func codableAsStringAndValidates() throws {
        let data = try JSONEncoder().encode([LanguageTag.zhHantMO])
        #expect(String(decoding: data, as: UTF8.self) == #"["zh-Hant-MO"]"#)
        let decoded = try JSONDecoder().decode([LanguageTag].self, from: Data(#"["PT-mo"]"#.utf8))
        #expect(decoded == [.ptMO])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([LanguageTag].self, from: Data(#"["zh_Hant"]"#.utf8))
        }
    }

    @Test func errorCodesAreStable() {
        #expect(LanguageTag.ParseError.empty.code == "core.language_tag.empty")
        #expect(
            LanguageTag.ParseError.invalidSubtag(index: 2).description.hasPrefix(
                "core.language_tag.invalid_subtag: "))
    }
}
