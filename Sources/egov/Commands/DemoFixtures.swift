import EGovKit
import EGovTesting
import Foundation

/// Parts shared by the journey and the module tour of `egov demo`.
enum DemoFixtures {
    /// A trust list in which the test PKI's root is a one-time signing CA, a qualified seal CA and
    /// a qualified time-stamping authority, granted a year before the test reference date.
    static func trustList(root: Certificate) -> TrustList {
        let granted = [TrustedService.StatusChange(status: .granted, from: TestPKI.referenceDate - TestPKI.year)]
        return TrustList(
            name: [.zhHant: "示範信任清單", .pt: "Lista de confiança de demonstração", .en: "Demo trust list"],
            services: [
                TrustedService(
                    name: [.en: "One-time signing CA"], type: .signing, isQualified: false, certificates: [root],
                    history: granted),
                TrustedService(
                    name: [.en: "Qualified seal CA"], type: .seal, isQualified: true, certificates: [root],
                    history: granted),
                TrustedService(
                    name: [.en: "Time-stamping authority"], type: .timestamping, isQualified: true,
                    certificates: [root], history: granted),
            ])
    }

    /// The licence decision notice, for the app inbox, in three languages.
    static func licenceDecisionTemplate() throws -> NotificationTemplate {
        try NotificationTemplate(
            id: "licence-decision", version: 1,
            variants: [
                .inbox: ChannelVariant(
                    subject: [.zhHant: "牌照決定", .pt: "Decisão sobre a licença", .en: "Licence decision"],
                    body: [
                        .zhHant: "您的牌照 ((licence_number)) 已獲批准。", .pt: "A sua licença ((licence_number)) foi aprovada.",
                        .en: "Your licence ((licence_number)) was approved.",
                    ])
            ],
            placeholders: [PlaceholderSpec(name: "licence_number", type: .text)])
    }

    /// A dispatcher to `inbox` that renders `template` with the licence number and applies a
    /// seven-day deemed-service rule (Macau), recording evidence.
    static func dispatcher(
        store: any NotificationStore, inbox: DemoInbox, clock: any WallClock, evidence: EvidenceRecorder,
        template: NotificationTemplate, licenceNumber: String
    ) -> NotificationDispatcher {
        NotificationDispatcher(
            store: store, transports: [inbox], clock: clock,
            configuration: DispatcherConfiguration(
                deemedServiceRule: DeemedServiceRule(jurisdiction: "MO", days: 7, anchor: .delivered)),
            random: SeededRandomNumberGenerator(seed: 2026), evidence: evidence
        ) { notice, channel in
            let rendered = try TemplateRenderer().render(
                template, channel: channel, locale: try LanguageTag(notice.preferredLocale),
                personalisation: ["licence_number": .string(licenceNumber)])
            return RenderedPayload(subject: rendered.subject ?? "", body: rendered.body)
        }
    }

    /// The last segment of each evidence record's ETSI event type URI.
    static func eventNames(_ records: [EvidenceRecord]) -> [String] {
        records.map { $0.body.eventType.split(whereSeparator: { $0 == "/" || $0 == ":" }).last.map(String.init) ?? "?" }
    }
}

/// An app inbox that accepts every notice and remembers the delivery ids and texts it got.
actor DemoInbox: NotificationTransport {
    nonisolated let channel = NotificationChannel.inbox
    private(set) var received: [String] = []
    private(set) var bodies: [String] = []

    func send(deliveryID: TransportDeliveryID, notice: Notice, payload: RenderedPayload, attempt: Int) async throws
        -> TransportResult
    {
        received.append(deliveryID.description)
        bodies.append(payload.body)
        return .accepted
    }
}
