import EGovNotifications
import Testing

@Suite struct TemplateSMSSegmentTests {
    private func info(_ text: String, maximumSegments: Int = 255) throws -> SMSInfo {
        try SMSInfo(text: text, maximumSegments: maximumSegments)
    }

    private func repeated(_ text: String, _ count: Int) -> String { String(repeating: text, count: count) }

    @Test func tablesMatchGSM0338() {
        let basic = Array(SMSSegmentation.basicCharacters.unicodeScalars)
        #expect(basic.count == 127)
        #expect(Set(basic).count == 127)
        let extensionTable = Array(SMSSegmentation.extensionCharacters.unicodeScalars)
        #expect(extensionTable.count == 10)
        #expect(Set(basic).isDisjoint(with: extensionTable))
        for scalar in "^{}\\[~]|€\u{0C}".unicodeScalars {
            #expect(SMSSegmentation.gsm7Septets(scalar) == 2)
        }
    }

    @Test func portugueseLettersAreCheckedOneByOne() {
        // In the GSM 03.38 basic table (Unicode GSM0338.TXT mapping).
        for character in "ÇéÉèàùìòÄÖÑÜäöñüÅåØøÆæß" {
            #expect(character.unicodeScalars.first.flatMap(SMSSegmentation.gsm7Septets) == 1, "\(character)")
        }
        // Not in it: lowercase ç and the other Portuguese accents force UCS-2.
        for character in "çãõáíóúâêôÁÍÓÚÂÊÔÃÕÀ" {
            #expect(character.unicodeScalars.first.flatMap(SMSSegmentation.gsm7Septets) == nil, "\(character)")
        }
    }

    @Test func gsm7SingleAndConcatenatedLimits() throws {
        #expect(try info(repeated("a", 160)).segments == 1)
        #expect(try info(repeated("a", 161)).segments == 2)
        #expect(try info(repeated("a", 306)).segments == 2)
        #expect(try info(repeated("a", 307)).segments == 3)
        let long = try info(repeated("a", 307))
        #expect(long.encoding == .gsm7)
        #expect(long.units == 307)
        #expect(long.characters == 307)
    }

    @Test func extensionCharactersCountTwoSeptets() throws {
        let euros = try info(repeated("€", 80))
        #expect(euros.encoding == .gsm7)
        #expect(euros.characters == 80)
        #expect(euros.units == 160)
        #expect(euros.segments == 1)
        #expect(try info(repeated("€", 81)).segments == 2)
        let braces = try info(repeated("a", 158) + "{")
        #expect(braces.units == 160)
        #expect(braces.segments == 1)
        #expect(try info(repeated("a", 159) + "{").segments == 2)
    }

    @Test func extensionCharacterNeverStraddlesAPartBoundary() throws {
        // 306 septets would fit 2 parts of 153, but the € at septets 153-154 moves to part 2,
        // which then overflows by one septet.
        let straddling = try info(repeated("a", 152) + "€" + repeated("a", 152))
        #expect(straddling.units == 306)
        #expect(straddling.segments == 3)
        let aligned = try info(repeated("a", 151) + "€" + repeated("a", 153))
        #expect(aligned.units == 306)
        #expect(aligned.segments == 2)
    }

    @Test func chineseUsesUCS2Limits() throws {
        #expect(try info(repeated("澳", 70)).segments == 1)
        #expect(try info(repeated("澳", 71)).segments == 2)
        #expect(try info(repeated("澳", 134)).segments == 2)
        let three = try info(repeated("澳", 135))
        #expect(three.segments == 3)
        #expect(three.encoding == .ucs2)
        #expect(three.units == 135)
    }

    @Test func emojiTakeTwoCodeUnitsAndAreNeverSplit() throws {
        let single = try info(repeated("😀", 35))
        #expect(single.characters == 35)
        #expect(single.units == 70)
        #expect(single.segments == 1)
        #expect(try info(repeated("😀", 36)).segments == 2)
        let straddling = try info(repeated("澳", 66) + "😀" + repeated("澳", 66))
        #expect(straddling.units == 134)
        #expect(straddling.segments == 3)
        let aligned = try info(repeated("澳", 65) + "😀" + repeated("澳", 67))
        #expect(aligned.units == 134)
        #expect(aligned.segments == 2)
    }

    @Test func mixedPortugueseText() throws {
        let gsm = try info("Pagamento recebido. Obrigado, Sr. Conceição!".replacingCedilla())
        #expect(gsm.encoding == .gsm7)
        let withCedilla = try info("Notificação")
        #expect(withCedilla.encoding == .ucs2)
        #expect(withCedilla.units == 11)
        #expect(try info("CAPITAL Ç É").encoding == .gsm7)
        #expect(try info("Olá").encoding == .ucs2)
        #expect(try info("café à noite").encoding == .gsm7)
        #expect(try info("澳門 Macau €").encoding == .ucs2)
    }

    @Test func decomposedAccentNeedsUCS2() throws {
        let decomposed = try info("e\u{0301}")
        #expect(decomposed.encoding == .ucs2)
        #expect(decomposed.characters == 1)
        #expect(decomposed.units == 2)
    }

    @Test func emptyTextNeedsNoSegment() throws {
        let empty = try info("")
        #expect(empty.segments == 0)
        #expect(empty.encoding == .gsm7)
    }

    @Test func tooManySegmentsAreRefused() throws {
        #expect(try SMSInfo(text: repeated("a", 1530)).segments == 10)
        #expect(throws: TemplateError.smsTooLong(segments: 11, limit: 10)) {
            try SMSInfo(text: repeated("a", 1531))
        }
        #expect(throws: TemplateError.smsTooLong(segments: 3, limit: 2)) {
            try SMSInfo(text: repeated("澳", 135), maximumSegments: 2)
        }
    }
}

extension String {
    fileprivate func replacingCedilla() -> String {
        String(map { $0 == "ç" ? "c" : $0 == "ã" ? "a" : $0 })
    }
}
