import EGovCore
import EGovNotifications

/// Shared templates and personalisation for the template tests.
enum TemplateFixtures {
    static let placeholders: [PlaceholderSpec] = [
        PlaceholderSpec(name: "name", type: .text),
        PlaceholderSpec(name: "reference", type: .text, maximumLength: 20),
        PlaceholderSpec(name: "amount", type: .money),
        PlaceholderSpec(name: "dueDate", type: .date),
        PlaceholderSpec(name: "paid", type: .boolean, isRequired: false),
        PlaceholderSpec(name: "link", type: .url),
    ]

    static let emailSubject: LocalizedText = [
        .zhHant: "繳費通知 ((reference))", .zhHans: "缴费通知 ((reference))",
        .pt: "Aviso de pagamento ((reference))", .en: "Payment notice ((reference))",
    ]

    static let emailBody: LocalizedText = [
        .zhHant: "((name))，您好。\n案件 ((reference)) 應繳 ((amount))，限期 ((dueDate))。((paid??已收到付款。))\n\n詳情：((link))",
        .zhHans: "((name))，您好。\n案件 ((reference)) 应缴 ((amount))，限期 ((dueDate))。((paid??已收到付款。))\n\n详情：((link))",
        .pt:
            "Caro(a) ((name)),\nProcesso ((reference)): pagar ((amount)) até ((dueDate)).((paid?? Pagamento recebido.))\n\nVer ((link))",
        .en:
            "Dear ((name)),\nCase ((reference)): pay ((amount)) by ((dueDate)).((paid?? Payment received.))\n\nSee ((link))",
    ]

    static let smsBody: LocalizedText = [
        .zhHant: "案件 ((reference)) 應繳 ((amount))，限期 ((dueDate))。",
        .pt: "Processo ((reference)): pagar ((amount)) ate ((dueDate)).",
        .en: "Case ((reference)): pay ((amount)) by ((dueDate)).",
    ]

    static func paymentNotice() throws(TemplateError) -> NotificationTemplate {
        try NotificationTemplate(
            id: "tax.payment-notice", version: 3,
            variants: [
                .email: ChannelVariant(subject: emailSubject, body: emailBody),
                .sms: ChannelVariant(body: smsBody),
                .letter: ChannelVariant(
                    subject: [.zhHant: "繳費通知", .pt: "Aviso"], body: letterBody,
                    letter: LetterRequirements(requiresPostalAddress: true, requiresReference: true)),
            ],
            placeholders: placeholders)
    }

    static let letterBody: LocalizedText = [
        .zhHant: "((name))：案件 ((reference))。", .pt: "((name)): processo ((reference)).",
    ]

    static let personalisation: [String: JSONValue] = [
        "name": .string("陳大文"),
        "reference": .string("TX-2026-001"),
        "amount": .object(["amount": .string("1234.50"), "currency": .string("MOP")]),
        "dueDate": .string("2026-12-01"),
        "paid": .bool(true),
        "link": .string("https://www.gov.mo/pay?ref=TX-2026-001"),
    ]

    /// A template with one placeholder `v` of `type`, used once in an SMS body in zh-Hant and pt.
    static func single(
        _ type: PlaceholderType, isRequired: Bool = true, maximumLength: Int? = nil
    ) throws(TemplateError) -> NotificationTemplate {
        let use = type == .boolean ? "((v??是))" : "((v))"
        let usePT = type == .boolean ? "((v??sim))" : "((v))"
        return try NotificationTemplate(
            id: "test.single", version: 1,
            variants: [.sms: ChannelVariant(body: [.zhHant: "值：\(use)", .pt: "Valor: \(usePT)"])],
            placeholders: [
                PlaceholderSpec(name: "v", type: type, isRequired: isRequired, maximumLength: maximumLength)
            ])
    }

    /// A one-channel template with the given bodies (and optional subject) and declarations.
    static func make(
        channel: NotificationChannel = .sms, subject: LocalizedText? = nil, body: LocalizedText,
        placeholders: [PlaceholderSpec] = [], letter: LetterRequirements? = nil,
        policy: TemplatePolicy = .default
    ) throws(TemplateError) -> NotificationTemplate {
        try NotificationTemplate(
            id: "test.make", version: 1,
            variants: [channel: ChannelVariant(subject: subject, body: body, letter: letter)],
            placeholders: placeholders, policy: policy)
    }
}
