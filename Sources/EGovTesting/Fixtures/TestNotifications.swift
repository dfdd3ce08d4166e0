import EGovCore
import EGovCrypto
import EGovNotifications
import Foundation

/// A notification dispatcher ready for tests: an outbox (in memory unless given), a
/// ``RecordingNotificationTransport``, a template, an evidence recorder for legally effective
/// notices and a seeded random source, so that retries and delivery ids are the same on every run.
public struct TestNotifications: Sendable {
    /// Gives the placeholder values for a notice.
    public typealias Personalisation = @Sendable (Notice) -> [String: JSONValue]

    /// The outbox.
    public let store: any NotificationStore
    /// The transport the dispatcher sends through.
    public let transport: RecordingNotificationTransport
    /// The template every notice is rendered with.
    public let template: NotificationTemplate
    /// Records signed evidence for legally effective notices into ``store``.
    public let evidence: EvidenceRecorder
    /// The dispatcher.
    public let dispatcher: NotificationDispatcher
    /// Checks the evidence records signed with the evidence key.
    public let evidenceKey: any VerificationKey
    /// The sending department, put on the notices made by ``notice(id:recipient:reference:locale:category:)``.
    public let department: String
    private let clock: any WallClock

    /// Creates the dispatcher.
    ///
    /// - Parameters:
    ///   - clock: the source of "now" for the dispatcher and the notices.
    ///   - evidenceKey: signs the evidence records (e.g. a department seal's `signingKey()`).
    ///   - evidenceIssuer: the `iss` of the evidence records.
    ///   - store: the outbox (by default a new `InMemoryNotificationStore`).
    ///   - transport: the transport (by default a new app-inbox ``RecordingNotificationTransport``).
    ///   - template: the template (by default ``TestSamples/licenceDecisionTemplate()``).
    ///   - configuration: pacing, retries and deemed service.
    ///   - department: the sending department.
    ///   - personalisation: the placeholder values of a notice (by default `licence_number` is the
    ///     notice's reference).
    public init(
        clock: any WallClock, evidenceKey: any SigningKey, evidenceIssuer: String? = nil,
        store: any NotificationStore = InMemoryNotificationStore(),
        transport: RecordingNotificationTransport = RecordingNotificationTransport(), template: NotificationTemplate? = nil,
        configuration: DispatcherConfiguration = DispatcherConfiguration(), department: String = "IAM",
        personalisation: @escaping Personalisation = { ["licence_number": .string($0.reference)] }
    ) throws {
        let template = try template ?? TestSamples.licenceDecisionTemplate()
        let evidence = EvidenceRecorder(store: store, key: evidenceKey, issuer: evidenceIssuer)
        self.store = store
        self.transport = transport
        self.template = template
        self.evidence = evidence
        self.evidenceKey = try evidenceKey.publicKey.verificationKey(for: evidenceKey.algorithm, sm2ID: evidenceKey.sm2ID)
        self.department = department
        self.clock = clock
        self.dispatcher = NotificationDispatcher(
            store: store, transports: [transport], clock: clock, configuration: configuration,
            random: SeededRandomNumberGenerator(seed: 2026), evidence: evidence
        ) { notice, channel in
            let rendered = try TemplateRenderer().render(
                template, channel: channel, locale: try LanguageTag(notice.preferredLocale),
                personalisation: personalisation(notice))
            return RenderedPayload(subject: rendered.subject ?? "", body: rendered.body)
        }
    }

    /// A notice for this template on the transport's channel, created now, whose idempotency key
    /// is its id.
    public func notice(
        id: String, recipient: String, reference: String, locale: String = "en",
        category: NoticeCategory = .legallyEffective
    ) throws -> Notice {
        try Notice(
            id: NoticeID(id), idempotencyKey: id, recipientAccountID: recipient, department: department,
            category: category, reference: reference, templateID: template.id, templateVersion: template.version,
            preferredLocale: locale, channels: [transport.channel], createdAt: clock.now())
    }

    /// Submits `notice` and runs the dispatcher once; returns what the transport accepted for it.
    @discardableResult
    public func dispatch(_ notice: Notice) async throws -> [RecordingNotificationTransport.Sent] {
        _ = try await dispatcher.submit(notice)
        _ = try await dispatcher.runOnce()
        return await transport.sent.filter { $0.noticeID == notice.id }
    }

    /// The evidence records of a notice, first first.
    public func evidence(for id: NoticeID) async throws -> [EvidenceRecord] {
        try await store.evidence(for: id)
    }

    /// Verifies the evidence chain of a notice with ``evidenceKey``.
    public func verifyEvidence(for id: NoticeID) async throws -> EvidenceVerification {
        EvidenceChain.verify(try await evidence(for: id), key: evidenceKey)
    }
}
