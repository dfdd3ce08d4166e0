import EGovCore
import EGovNotifications
import Testing

@Suite struct TemplateValidationTests {
    private let bilingual: (String) -> LocalizedText = { [.zhHant: $0, .pt: $0] }

    @Test func fixtureIsValid() throws {
        let template = try TemplateFixtures.paymentNotice()
        #expect(template.placeholders.count == 6)
        #expect(template.placeholder(named: "paid")?.type == .boolean)
    }

    @Test func undeclaredPlaceholderIsRejected() {
        #expect(throws: TemplateError.undeclaredPlaceholder(name: "who", channel: .sms, locale: .pt)) {
            try TemplateFixtures.make(body: [.zhHant: "你好", .pt: "Olá ((who))"])
        }
    }

    @Test func unusedDeclarationIsRejected() {
        #expect(throws: TemplateError.unusedPlaceholder(name: "spare")) {
            try TemplateFixtures.make(
                body: bilingual("((name))"),
                placeholders: [PlaceholderSpec(name: "name", type: .text), PlaceholderSpec(name: "spare", type: .text)])
        }
    }

    @Test(arguments: [
        ("a ((name) b", 2),  // never closed
        ("a ((name b", 2),
        ("a name)) b", 6),  // stray close
        ("((name ((name)) ))", 7),  // nested open
        ("a (( name )) b", 2),  // spaces are not part of a name
        ("a ((1st)) b", 2),  // a name starts with a letter
        ("a ((flag??)) b", 2),  // empty conditional text
        ("a (()) b", 2),
    ])
    func unbalancedSyntaxIsRejected(text: String, offset: Int) {
        #expect(throws: TemplateError.unbalancedSyntax(channel: .sms, locale: .pt, offset: offset)) {
            try TemplateFixtures.make(
                body: [.zhHant: "((name))((flag??是))", .pt: text],
                placeholders: [
                    PlaceholderSpec(name: "name", type: .text), PlaceholderSpec(name: "flag", type: .boolean),
                ])
        }
    }

    @Test func tripleParenthesesAreLiteralAroundAPlaceholder() throws {
        let template = try TemplateFixtures.make(
            body: bilingual("(((name)))"), placeholders: [PlaceholderSpec(name: "name", type: .text)])
        let message = try TemplateRenderer().render(
            template, channel: .sms, locale: .pt, personalisation: ["name": .string("x")])
        #expect(message.body == "(x)")
    }

    @Test func conditionalMustNameABoolean() {
        #expect(throws: TemplateError.conditionalRequiresBoolean(name: "name", channel: .sms, locale: .pt)) {
            try TemplateFixtures.make(
                body: bilingual("((name??hello))"), placeholders: [PlaceholderSpec(name: "name", type: .text)])
        }
    }

    @Test func booleanOnlyInConditionals() {
        #expect(throws: TemplateError.booleanOutsideConditional(name: "flag", channel: .sms, locale: .pt)) {
            try TemplateFixtures.make(
                body: bilingual("((flag))"), placeholders: [PlaceholderSpec(name: "flag", type: .boolean)])
        }
    }

    @Test func requiredLocalesMustBePresent() {
        #expect(throws: TemplateError.missingLocale(channel: .sms, locale: .pt)) {
            try TemplateFixtures.make(body: [.zhHant: "你好", .en: "Hello"])
        }
        #expect(throws: TemplateError.missingLocale(channel: .sms, locale: .zhHant)) {
            try TemplateFixtures.make(body: [.zhHans: "你好", .pt: "Olá"])
        }
        #expect(throws: TemplateError.missingLocale(channel: .sms, locale: .zhHant)) {
            try TemplateFixtures.make(body: [.zhHant: "  \n", .pt: "Olá"])
        }
    }

    @Test func requiredLocalesAreConfigurable() throws {
        let policy = TemplatePolicy(requiredLocales: [.zhHant, .pt, .en])
        #expect(throws: TemplateError.missingLocale(channel: .sms, locale: .en)) {
            try TemplateFixtures.make(body: [.zhHant: "你好", .pt: "Olá"], policy: policy)
        }
        _ = try TemplateFixtures.make(body: [.en: "Hello"], policy: TemplatePolicy(requiredLocales: [.en]))
    }

    @Test func blankOptionalLocaleIsRejected() {
        #expect(throws: TemplateError.emptyText(channel: .sms, locale: .en)) {
            try TemplateFixtures.make(body: [.zhHant: "你好", .pt: "Olá", .en: " "])
        }
    }

    @Test func smsCannotHaveASubject() {
        #expect(throws: TemplateError.subjectNotAllowed(channel: .sms)) {
            try TemplateFixtures.make(channel: .sms, subject: bilingual("Assunto"), body: bilingual("Corpo"))
        }
    }

    @Test func emailAndInboxNeedASubject() {
        for channel in [NotificationChannel.email, .inbox] {
            #expect(throws: TemplateError.subjectRequired(channel: channel)) {
                try TemplateFixtures.make(channel: channel, body: bilingual("Corpo"))
            }
        }
    }

    @Test func pushAndLetterSubjectsAreOptional() throws {
        _ = try TemplateFixtures.make(channel: .push, body: bilingual("Corpo"))
        _ = try TemplateFixtures.make(channel: .letter, body: bilingual("Corpo"), letter: LetterRequirements())
    }

    @Test func subjectMustBeOneLine() {
        #expect(throws: TemplateError.multilineSubject(channel: .email, locale: .pt)) {
            try TemplateFixtures.make(
                channel: .email, subject: [.zhHant: "主旨", .pt: "Linha\nBcc: x"], body: bilingual("Corpo"))
        }
    }

    @Test func subjectAndBodyMustShareLocales() {
        #expect(throws: TemplateError.subjectLocaleMismatch(channel: .email, locale: .en)) {
            try TemplateFixtures.make(
                channel: .email, subject: bilingual("Assunto"), body: [.zhHant: "內容", .pt: "Corpo", .en: "Body"])
        }
    }

    @Test func letterRequirementsOnlyOnLetters() {
        #expect(throws: TemplateError.letterRequirementsNotAllowed(channel: .push)) {
            try TemplateFixtures.make(channel: .push, body: bilingual("Corpo"), letter: LetterRequirements())
        }
    }

    @Test func placeholderDeclarationsAreChecked() {
        #expect(throws: TemplateError.invalidPlaceholderName(index: 1)) {
            try TemplateFixtures.make(
                body: bilingual("((a))"),
                placeholders: [PlaceholderSpec(name: "a", type: .text), PlaceholderSpec(name: "b-c", type: .text)])
        }
        #expect(throws: TemplateError.duplicatePlaceholder(name: "a")) {
            try TemplateFixtures.make(
                body: bilingual("((a))"),
                placeholders: [PlaceholderSpec(name: "a", type: .text), PlaceholderSpec(name: "a", type: .number)])
        }
        #expect(throws: TemplateError.invalidMaximumLength(name: "a")) {
            try TemplateFixtures.make(
                body: bilingual("((a))"), placeholders: [PlaceholderSpec(name: "a", type: .text, maximumLength: 0)])
        }
        let many = (0..<65).map { PlaceholderSpec(name: "p\($0)", type: .text) }
        #expect(throws: TemplateError.tooManyPlaceholders(limit: 64)) {
            try TemplateFixtures.make(body: bilingual(many.map { "((\($0.name)))" }.joined()), placeholders: many)
        }
    }

    @Test func textsAreLimitedTo64KiB() throws {
        let limit = 64 * 1024
        _ = try TemplateFixtures.make(body: bilingual(String(repeating: "a", count: limit)))
        #expect(throws: TemplateError.textTooLarge(channel: .sms, locale: .pt, limit: limit)) {
            try TemplateFixtures.make(body: [.zhHant: "你好", .pt: String(repeating: "a", count: limit + 1)])
        }
    }

    @Test func identifierVersionAndVariantsAreChecked() {
        let variants: [NotificationChannel: ChannelVariant] = [.sms: ChannelVariant(body: bilingual("x"))]
        #expect(throws: TemplateError.invalidIdentifier) {
            try NotificationTemplate(id: "", version: 1, variants: variants, placeholders: [])
        }
        #expect(throws: TemplateError.invalidIdentifier) {
            try NotificationTemplate(id: "a b", version: 1, variants: variants, placeholders: [])
        }
        #expect(throws: TemplateError.invalidVersion(0)) {
            try NotificationTemplate(id: "a", version: 0, variants: variants, placeholders: [])
        }
        #expect(throws: TemplateError.noVariants) {
            try NotificationTemplate(id: "a", version: 1, variants: [:], placeholders: [])
        }
    }

    @Test func errorCodesAreStableAndNamespaced() {
        let error = TemplateError.undeclaredPlaceholder(name: "who", channel: .sms, locale: .pt)
        #expect(error.code == "notifications.template.undeclared_placeholder")
        #expect(error.reason.contains("who") && error.reason.contains("sms") && error.reason.contains("pt"))
    }
}
