import EGovCore
import EGovNotifications
import Testing

@Suite struct TemplatePersonalisationTests {
    let renderer = TemplateRenderer()

    private func render(_ type: PlaceholderType, _ value: JSONValue) throws(TemplateError) -> String {
        try renderer.render(TemplateFixtures.single(type), channel: .sms, locale: .pt, personalisation: ["v": value])
            .body
    }

    @Test func missingRequiredValueIsRefused() throws {
        var personalisation = TemplateFixtures.personalisation
        personalisation["dueDate"] = nil
        #expect(throws: TemplateError.missingPersonalisation(name: "dueDate")) {
            try renderer.render(
                TemplateFixtures.paymentNotice(), channel: .sms, locale: .pt, personalisation: personalisation)
        }
        personalisation["dueDate"] = .null
        #expect(throws: TemplateError.missingPersonalisation(name: "dueDate")) {
            try renderer.render(
                TemplateFixtures.paymentNotice(), channel: .sms, locale: .pt, personalisation: personalisation)
        }
    }

    @Test func unknownKeyIsRefused() throws {
        var personalisation = TemplateFixtures.personalisation
        personalisation["nickname"] = .string("x")
        #expect(throws: TemplateError.unexpectedPersonalisation(name: "nickname")) {
            try renderer.render(
                TemplateFixtures.paymentNotice(), channel: .sms, locale: .pt, personalisation: personalisation)
        }
    }

    @Test func unknownKeyThatIsNotANameIsNotEchoed() throws {
        var personalisation = TemplateFixtures.personalisation
        personalisation["陳大文 1234567(8)"] = .string("x")
        #expect(throws: TemplateError.unexpectedPersonalisation(name: "<invalid key>")) {
            try renderer.render(
                TemplateFixtures.paymentNotice(), channel: .sms, locale: .pt, personalisation: personalisation)
        }
    }

    @Test(arguments: [
        (PlaceholderType.text, JSONValue.number(1)),
        (.text, .bool(true)),
        (.text, .string("bell\u{07}")),
        (.number, .string("42")),
        (.number, .array([])),
        (.date, .string("2026-02-30")),
        (.date, .string("2023-02-29")),
        (.date, .string("2026-1-05")),
        (.date, .string("05/01/2026")),
        (.date, .string("2026-01-05T10:00:00Z")),
        (.date, .number(20_260_105)),
        (.money, .number(12.5)),
        (.money, .object(["amount": .number(12.5), "currency": .string("MOP")])),
        (.money, .object(["amount": .string("12.5"), "currency": .string("mop")])),
        (.money, .object(["amount": .string("1e3"), "currency": .string("MOP")])),
        (.money, .object(["amount": .string("01.00"), "currency": .string("MOP")])),
        (.money, .object(["amount": .string("1.00"), "currency": .string("MOP"), "extra": .null])),
        (.boolean, .string("yes")),
        (.boolean, .number(1)),
        (.url, .string("javascript:alert(1)")),
        (.url, .string("ftp://gov.mo/file")),
        (.url, .string("https://")),
        (.url, .string("https://gov.mo/a b")),
        (.url, .string("gov.mo")),
        (.url, .number(1)),
    ])
    func wronglyTypedValueIsRefused(type: PlaceholderType, value: JSONValue) throws {
        let template = try TemplateFixtures.single(type)
        do {
            _ = try renderer.render(template, channel: .sms, locale: .pt, personalisation: ["v": value])
            Issue.record("accepted a bad \(type.rawValue)")
        } catch {
            guard case .invalidPersonalisation(let name, let reportedType, _) = error else {
                Issue.record("unexpected error \(error)")
                return
            }
            #expect(name == "v")
            #expect(reportedType == type)
            #expect(error.code == "notifications.template.invalid_personalisation")
        }
    }

    @Test func wellTypedValuesAreAccepted() throws {
        #expect(try render(.date, .string("2024-02-29")) == "Valor: 29/02/2024")
        #expect(
            try render(.money, .object(["amount": .string("-0.5"), "currency": .string("HKD")]))
                == "Valor: HKD -0.5")
        #expect(try render(.url, .string("HTTP://gov.mo")) == "Valor: HTTP://gov.mo")
        #expect(try render(.text, .string("linha 1\nlinha 2")) == "Valor: linha 1\nlinha 2")
    }

    @Test func errorReasonsNeverEchoValues() throws {
        let secret = "1234567(8)"
        let template = try TemplateFixtures.single(.date)
        do {
            _ = try renderer.render(template, channel: .sms, locale: .pt, personalisation: ["v": .string(secret)])
            Issue.record("accepted a bad date")
        } catch {
            #expect(!error.reason.contains(secret))
            #expect(!error.description.contains(secret))
            #expect(error.reason.contains("'v'"))
        }
    }

    @Test func valueLengthIsLimited() throws {
        let template = try TemplateFixtures.single(.text, maximumLength: 5)
        #expect(
            try renderer.render(template, channel: .sms, locale: .pt, personalisation: ["v": .string("澳門澳門澳")])
                .body == "Valor: 澳門澳門澳")
        #expect(throws: TemplateError.valueTooLong(name: "v", limit: 5)) {
            try renderer.render(template, channel: .sms, locale: .pt, personalisation: ["v": .string("123456")])
        }
        let unlimited = try TemplateFixtures.single(.text)
        #expect(throws: TemplateError.valueTooLong(name: "v", limit: 2048)) {
            try renderer.render(
                unlimited, channel: .sms, locale: .pt,
                personalisation: ["v": .string(String(repeating: "a", count: 2049))])
        }
    }

    @Test func totalPersonalisationSizeIsLimited() throws {
        // Key "v" (1 byte) plus the value's UTF-8 bytes: 100 is at the limit, 101 is over.
        let renderer = TemplateRenderer(maximumPersonalisationBytes: 100)
        let template = try TemplateFixtures.single(.text)
        _ = try renderer.render(
            template, channel: .sms, locale: .pt, personalisation: ["v": .string(String(repeating: "a", count: 99))])
        #expect(throws: TemplateError.personalisationTooLarge(limit: 100)) {
            try renderer.render(
                template, channel: .sms, locale: .pt,
                personalisation: ["v": .string(String(repeating: "a", count: 100))])
        }
    }

    @Test func renderedSizeIsLimited() throws {
        let template = try TemplateFixtures.make(
            channel: .push, body: [.zhHant: "((v))((v))((v))", .pt: "((v))((v))((v))"],
            placeholders: [PlaceholderSpec(name: "v", type: .text)])
        let renderer = TemplateRenderer(maximumRenderedBytes: 5000)
        let value = JSONValue.string(String(repeating: "a", count: 2000))
        #expect(throws: TemplateError.renderedTooLarge(channel: .push, limit: 5000)) {
            try renderer.render(template, channel: .push, locale: .pt, personalisation: ["v": value])
        }
    }
}
