import EGovCore
import Foundation
import Testing

@testable import EGovNotifications

/// The byte- and table-based checks that replaced Character and property look-ups on the
/// render + notice + enqueue path give exactly the answers of the definitions they replaced.
@Suite struct TemplateFastPathTests {
    /// Scalars from every range ``SMSSegmentation/isAlwaysOwnCluster(_:)`` accepts, their edges,
    /// and the scalars that join clusters (combining marks, ZWJ, variation selectors, regional
    /// indicators, Hangul jamo, emoji modifiers, prepended marks, spacing marks).
    private static let probes: [Unicode.Scalar] = {
        let values: [UInt32] = [
            0x00, 0x09, 0x0A, 0x0D, 0x20, 0x41, 0x7F, 0x85, 0xA9, 0xAD, 0xC7, 0xE7, 0x2FF, 0x300, 0x301, 0x36F,
            0x394, 0x600, 0x903, 0x1100, 0x1161, 0x11A8, 0x200B, 0x200C, 0x200D, 0x20AC, 0x2028, 0x3000, 0x3001,
            0x3029, 0x302A, 0x302F, 0x3030, 0x303F, 0x3099, 0x3400, 0x4DBF, 0x4E00, 0x6FB3, 0x9FFF, 0xAC00,
            0xFE0F, 0xFF01, 0xFF0C, 0xFF5E, 0xFF9E, 0x1F1F2, 0x1F1F4, 0x1F3FB, 0x1F44D, 0x1F469, 0xE0061,
        ]
        return values.compactMap(Unicode.Scalar.init)
    }()

    @Test func characterCountMatchesStringCountForEveryPairOfProbes() {
        for first in Self.probes {
            for second in Self.probes {
                for text in [String(first) + String(second), "a" + String(first) + String(second) + "中"] {
                    #expect(SMSSegmentation.characterCount(text) == text.count, "\(first.value) \(second.value)")
                }
            }
        }
    }

    @Test func everyOwnClusterScalarStaysAloneBesideOthers() {
        let ranges: [ClosedRange<UInt32>] = [
            0...0x2FF, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E,
        ]
        let neighbours = ["a", "中", "\r", "\n", "©", "　", "，"]
        for range in ranges {
            for value in range {
                guard let scalar = Unicode.Scalar(value) else { continue }
                #expect(SMSSegmentation.isAlwaysOwnCluster(scalar))
                let text = String(scalar)
                for neighbour in neighbours {
                    let before = neighbour + text
                    let after = text + neighbour
                    if SMSSegmentation.characterCount(before) != before.count
                        || SMSSegmentation.characterCount(after) != after.count
                    {
                        Issue.record("U+\(String(value, radix: 16)) joins \(neighbour.unicodeScalars.map(\.value))")
                    }
                }
            }
        }
    }

    @Test func characterCountOfMessages() {
        let texts = [
            "", "\r\n", "\r\r\n\n", "您的牌照 IAM-2026-0001 已獲批准，請於 2026年12月1日 前領取。",
            "A sua licença foi aprovada.", "e\u{301}", "👍🏽 ok", "🇲🇴", "한국어", "中\u{302A}文", "a\u{200D}b",
        ]
        for text in texts {
            #expect(SMSSegmentation.characterCount(text) == text.count, "\(text)")
            #expect(SMSSegmentation.utf16Count(text) == text.utf16.count, "\(text)")
        }
    }

    @Test func utf16CountMatchesForEveryProbe() {
        for scalar in Self.probes {
            let text = "x" + String(scalar) + "中"
            #expect(SMSSegmentation.utf16Count(text) == text.utf16.count)
        }
    }

    @Test func tokenCheckMatchesGeneralCategoryControl() {
        // The former definition: 1…maximum characters, no scalar of general category Cc.
        func reference(_ text: String, maximum: Int) -> Bool {
            (1...maximum).contains(text.count)
                && !text.unicodeScalars.contains { $0.properties.generalCategory == .control }
        }
        for value in UInt32(0)...0x800 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = "ref-" + String(scalar) + "-1"
            #expect(Notice.isValidToken(text, maximum: 128) == reference(text, maximum: 128), "U+\(value)")
        }
        let longButFew = String(repeating: "澳", count: 128)  // 384 bytes, 128 characters
        let tooMany = String(repeating: "澳", count: 129)
        let combining = String(repeating: "e\u{301}", count: 100)  // 300 bytes, 100 characters
        for text in [longButFew, tooMany, combining, "", "a", String(repeating: "a", count: 129)] {
            #expect(Notice.isValidToken(text, maximum: 128) == reference(text, maximum: 128))
        }
    }

    @Test func personalisationControlCheckMatchesScalarDefinition() {
        for value in UInt32(0)...0x800 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected =
                (scalar.value < 0x20 && scalar != "\n" && scalar != "\t" && scalar != "\r")
                || (0x7F...0x9F).contains(scalar.value)
            #expect(PersonalisationValidator.containsForbiddenControl("a" + String(scalar)) == expected, "U+\(value)")
        }
    }

    @Test func preferredLocaleIsCheckedWithOrWithoutTheKnownTags() {
        for tag in ["zh-Hant-MO", "zh-Hant", "pt-MO", "pt", "en", "zh-Hans", "zh-hant-mo", "en-GB", "yue-Hant-HK"] {
            #expect(Notice.isValidLanguageTag(tag))
        }
        for tag in ["", "zh_Hant", "zh-", "x-private", "zh-Hant-MO-", "toolongprimary"] {
            #expect(!Notice.isValidLanguageTag(tag))
        }
    }

    @Test func compiledTextsTakeNoPartInEquality() throws {
        let make = {
            try NotificationTemplate(
                id: "t", version: 1,
                variants: [.sms: ChannelVariant(body: [.zhHant: "((a)) 中", .pt: "((a)) pt"])],
                placeholders: [PlaceholderSpec(name: "a", type: .text)])
        }
        let first = try make()
        let second = try make()
        #expect(first == second)
        #expect(first.hashValue == second.hashValue)
        let decoded = try JSONDecoder().decode(NotificationTemplate.self, from: JSONEncoder().encode(first))
        #expect(decoded == first)
        #expect(decoded.compiled[.sms]?.body.count == 2)
    }

    @Test func datesAreFormattedPerLocale() throws {
        func format(_ tag: LanguageTag, _ year: Int, _ month: Int, _ day: Int) -> String {
            var output = ""
            PersonalisationValidator.appendDate(year: year, month: month, day: day, locale: tag, to: &output)
            return output
        }
        #expect(format(.zhHantMO, 2026, 12, 1) == "2026年12月1日")
        #expect(format(.ptMO, 2026, 12, 1) == "01/12/2026")
        #expect(format(.en, 2026, 12, 1) == "1 December 2026")
        #expect(format(.zhHans, 987, 2, 3) == "987年2月3日")
        #expect(format(.pt, 987, 2, 3) == "03/02/0987")
        #expect(try format(LanguageTag("fr"), 987, 2, 3) == "0987-02-03")
        #expect(PersonalisationValidator.parseDate("2028-02-29").map { [$0.0, $0.1, $0.2] } == [2028, 2, 29])
        #expect(PersonalisationValidator.parseDate("2026-02-29") == nil)
        #expect(PersonalisationValidator.parseDate("2026-04-31") == nil)
        #expect(PersonalisationValidator.parseDate("2026-4-30") == nil)
    }
}
