import EGovCore
import Foundation
import Testing

@Suite struct LocalizedTextTests {
    let sample: LocalizedText = [.zhHant: "澳門", .pt: "Macau"]

    @Test func subscriptGetSet() {
        var text = sample
        #expect(text[.zhHant] == "澳門")
        #expect(text[.en] == nil)
        text[.en] = "Macao"
        #expect(text[.en] == "Macao")
        text[.en] = nil
        #expect(text[.en] == nil)
    }

    @Test func lookupUsesTruncationChainFirst() throws {
        let result = sample.text(for: .zhHantMO)
        #expect(result?.tag == .zhHant)
        #expect(result?.text == "澳門")
        let portuguese = sample.text(for: try LanguageTag("pt-BR"))
        #expect(portuguese?.tag == .pt)
    }

    @Test func lookupFallsBackToDefaultChain() {
        // English requested but missing: Traditional Chinese comes first in the Macau default.
        #expect(sample.text(for: .en)?.tag == .zhHant)
        let portugueseOnly: LocalizedText = [.pt: "Macau"]
        #expect(portugueseOnly.text(for: .en)?.tag == .pt)
    }

    @Test func simplifiedIsNotAnAutomaticSubstituteForTraditional() {
        let simplifiedOnly: LocalizedText = [.zhHans: "澳门", .en: "Macao"]
        #expect(simplifiedOnly.text(for: .zhHantMO)?.tag == .en)
        #expect(simplifiedOnly.text(for: .zhHantMO, fallback: [.zhHans, .en])?.tag == .zhHans)
    }

    @Test func lookupWithEmptyFallbackCanFail() {
        #expect(sample.text(for: .en, fallback: []) == nil)
        #expect(LocalizedText().text(for: .zhHantMO) == nil)
    }

    @Test func defaultFallbackOrder() {
        #expect(
            LocalizedText.defaultFallback.map(\.rawValue) == [
                "zh-Hant-MO", "zh-Hant", "pt-MO", "pt", "en",
            ])
    }

    @Test func missingLanguages() {
        let text: LocalizedText = [.zhHant: "澳門", .pt: "  ", .zhHantMO: "澳門"]
        #expect(text.missingLanguages(required: [.zhHant, .pt, .en]) == [.pt, .en])
        #expect(sample.missingLanguages(required: [.zhHant, .pt]).isEmpty)
        // Exact match only: zh-Hant-MO does not satisfy a requirement for zh-Hans.
        #expect(text.missingLanguages(required: [.zhHans]) == [.zhHans])
    }

    @Test func encodesAsObjectKeyedByTag() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = try encoder.encode(sample)
        #expect(String(decoding: data, as: UTF8.self) == #"{"pt":"Macau","zh-Hant":"澳門"}"#)
        #expect(try JSONDecoder().decode(LocalizedText.self, from: data) == sample)
    }

    @Test func decodingNormalisesAndValidatesKeys() throws {
        let decoded = try JSONDecoder().decode(
            LocalizedText.self, from: Data(#"{"ZH-hant":"澳門"}"#.utf8))
        #expect(decoded[.zhHant] == "澳門")
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(LocalizedText.self, from: Data(#"{"zh_Hant":"澳門"}"#.utf8))
        }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode(
                LocalizedText.self, from: Data(#"{"zh-hant":"a","zh-Hant":"b"}"#.utf8))
        }
    }
}
