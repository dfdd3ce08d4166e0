import EGovCore
import EGovNotifications
import Testing

@Suite struct TemplateRenderingTests {
    let renderer = TemplateRenderer()

    @Test func rendersTraditionalChineseForMacauRequest() throws {
        let message = try renderer.render(
            TemplateFixtures.paymentNotice(), channel: .email, locale: .zhHantMO,
            personalisation: TemplateFixtures.personalisation)
        #expect(message.locale == .zhHant)
        #expect(message.channel == .email)
        #expect(message.subject == "繳費通知 TX-2026-001")
        #expect(
            message.body
                == "陳大文，您好。\n案件 TX-2026-001 應繳 MOP 1234.50，限期 2026年12月1日。已收到付款。\n\n詳情：https://www.gov.mo/pay?ref=TX-2026-001"
        )
        #expect(message.sms == nil)
    }

    @Test func rendersPortugueseForPtMO() throws {
        let message = try renderer.render(
            TemplateFixtures.paymentNotice(), channel: .email, locale: .ptMO,
            personalisation: TemplateFixtures.personalisation)
        #expect(message.locale == .pt)
        #expect(message.subject == "Aviso de pagamento TX-2026-001")
        #expect(message.body.contains("pagar MOP 1234.50 até 01/12/2026. Pagamento recebido."))
    }

    @Test func rendersEnglish() throws {
        let message = try renderer.render(
            TemplateFixtures.paymentNotice(), channel: .email, locale: .en,
            personalisation: TemplateFixtures.personalisation)
        #expect(message.locale == .en)
        #expect(message.body.contains("pay MOP 1234.50 by 1 December 2026. Payment received."))
    }

    @Test func rendersSimplifiedChineseWhenAuthored() throws {
        let message = try renderer.render(
            TemplateFixtures.paymentNotice(), channel: .email, locale: .zhHans,
            personalisation: TemplateFixtures.personalisation)
        #expect(message.locale == .zhHans)
        #expect(message.subject == "缴费通知 TX-2026-001")
    }

    @Test func simplifiedChineseFallsBackAlongTheMacauChainWhenMissing() throws {
        // The SMS variant has no zh-Hans: zh-Hans → zh (absent) → zh-Hant-MO (absent) → zh-Hant.
        let message = try renderer.render(
            TemplateFixtures.paymentNotice(), channel: .sms, locale: .zhHans,
            personalisation: TemplateFixtures.personalisation)
        #expect(message.locale == .zhHant)
    }

    @Test func traditionalChineseNeverFallsBackToSimplifiedUnlessListed() throws {
        let template = try TemplateFixtures.make(
            body: [.zhHans: "简体", .pt: "Português"], policy: TemplatePolicy(requiredLocales: [.pt]))
        let message = try renderer.render(template, channel: .sms, locale: .zhHantMO, personalisation: [:])
        #expect(message.locale == .pt)
        #expect(message.body == "Português")
        let listed = try renderer.render(
            template, channel: .sms, locale: .zhHantMO, personalisation: [:], fallback: [.zhHans, .pt])
        #expect(listed.locale == .zhHans)
        #expect(listed.body == "简体")
    }

    @Test func unknownLocaleWithoutFallbackIsRefused() throws {
        let template = try TemplateFixtures.paymentNotice()
        #expect(throws: TemplateError.localeNotAvailable(channel: .sms, requested: try LanguageTag("fr"))) {
            try renderer.render(
                template, channel: .sms, locale: LanguageTag("fr"),
                personalisation: TemplateFixtures.personalisation, fallback: [])
        }
    }

    @Test func missingChannelIsRefused() throws {
        #expect(throws: TemplateError.channelNotAvailable(channel: .push)) {
            try renderer.render(
                TemplateFixtures.paymentNotice(), channel: .push, locale: .zhHant,
                personalisation: TemplateFixtures.personalisation)
        }
    }

    @Test func conditionalShownOnlyWhenTrue() throws {
        let template = try TemplateFixtures.single(.boolean, isRequired: false)
        let shown = try renderer.render(template, channel: .sms, locale: .pt, personalisation: ["v": .bool(true)])
        #expect(shown.body == "Valor: sim")
        let hidden = try renderer.render(template, channel: .sms, locale: .pt, personalisation: ["v": .bool(false)])
        #expect(hidden.body == "Valor: ")
        let absent = try renderer.render(template, channel: .sms, locale: .pt, personalisation: [:])
        #expect(absent.body == "Valor: ")
        let null = try renderer.render(template, channel: .sms, locale: .pt, personalisation: ["v": .null])
        #expect(null.body == "Valor: ")
    }

    @Test func optionalTextRendersEmptyWhenAbsent() throws {
        let template = try TemplateFixtures.single(.text, isRequired: false)
        let message = try renderer.render(template, channel: .sms, locale: .zhHant, personalisation: [:])
        #expect(message.body == "值：")
    }

    @Test func numbersRenderWithoutSpuriousFractions() throws {
        let template = try TemplateFixtures.single(.number)
        #expect(
            try renderer.render(template, channel: .sms, locale: .pt, personalisation: ["v": .number(42)]).body
                == "Valor: 42")
        #expect(
            try renderer.render(template, channel: .sms, locale: .pt, personalisation: ["v": .number(2.5)]).body
                == "Valor: 2.5")
    }

    @Test func emailHTMLEscapesHostileValues() throws {
        var personalisation = TemplateFixtures.personalisation
        personalisation["name"] = .string("<script>alert('x')</script> & \"Co\"")
        let message = try renderer.render(
            TemplateFixtures.paymentNotice(), channel: .email, locale: .en, personalisation: personalisation)
        let html = try #require(message.html)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;"))
        #expect(html.hasPrefix("<p>Dear "))
        #expect(html.contains("<br>Case TX-2026-001"))
        #expect(html.contains("</p>\n<p>See https://www.gov.mo/pay?ref=TX-2026-001</p>"))
        // The plain-text body carries the value unchanged.
        #expect(message.body.contains("<script>alert('x')</script> & \"Co\""))
    }

    @Test func escapeHTMLCoversAllFiveCharacters() {
        #expect(TemplateRenderer.escapeHTML("&<>\"'") == "&amp;&lt;&gt;&quot;&#39;")
        #expect(TemplateRenderer.escapeHTML("澳門 é") == "澳門 é")
    }

    @Test func templateSyntaxInValuesIsInert() throws {
        var personalisation = TemplateFixtures.personalisation
        personalisation["name"] = .string("((reference)) ((paid??x)) ((")
        let message = try renderer.render(
            TemplateFixtures.paymentNotice(), channel: .email, locale: .en, personalisation: personalisation)
        #expect(message.body.hasPrefix("Dear ((reference)) ((paid??x)) ((,\n"))
    }

    @Test func lineBreaksInSubjectValuesBecomeSpaces() throws {
        var personalisation = TemplateFixtures.personalisation
        personalisation["reference"] = .string("A\r\nBcc: x")
        let message = try renderer.render(
            TemplateFixtures.paymentNotice(), channel: .email, locale: .en, personalisation: personalisation)
        #expect(message.subject == "Payment notice A Bcc: x")
    }

    @Test func smsCarriesSegmentInfo() throws {
        let chinese = try renderer.render(
            TemplateFixtures.paymentNotice(), channel: .sms, locale: .zhHant,
            personalisation: TemplateFixtures.personalisation)
        #expect(chinese.sms?.encoding == .ucs2)
        #expect(chinese.sms?.segments == 1)
        #expect(chinese.subject == nil)
        #expect(chinese.html == nil)
        let english = try renderer.render(
            TemplateFixtures.paymentNotice(), channel: .sms, locale: .en,
            personalisation: TemplateFixtures.personalisation)
        #expect(english.sms?.encoding == .gsm7)
    }

    @Test func overlongSMSIsRefusedBeforeSending() throws {
        let template = try TemplateFixtures.single(.text)
        let renderer = TemplateRenderer(maximumSMSSegments: 1)
        #expect(throws: TemplateError.smsTooLong(segments: 2, limit: 1)) {
            try renderer.render(
                template, channel: .sms, locale: .pt,
                personalisation: ["v": .string(String(repeating: "a", count: 160))])
        }
    }

    @Test func letterRendersHeadingAndKeepsRequirements() throws {
        let template = try TemplateFixtures.paymentNotice()
        let message = try renderer.render(
            template, channel: .letter, locale: .pt, personalisation: TemplateFixtures.personalisation)
        #expect(message.subject == "Aviso")
        #expect(message.body == "陳大文: processo TX-2026-001.")
        #expect(template.variants[.letter]?.letter?.requiresReference == true)
    }
}
