import EGovCore
import EGovCrypto
import EGovNotifications
import EGovTesting
import Foundation
import Testing

@Suite struct NotificationDeemedServiceTests {
    typealias Support = NotificationReceiptTestSupport

    struct Setup {
        let clock: ManualClock
        let store: InMemoryNotificationStore
        let dispatcher: NotificationDispatcher
        let receipts: ReceiptProcessor
        let verification: SoftwareVerificationKey
    }

    static func setup(rule: DeemedServiceRule) throws -> Setup {
        let clock = ManualClock()
        let store = InMemoryNotificationStore()
        let privateKey = try PrivateKey.generate(.ed25519)
        let recorder = EvidenceRecorder(
            store: store, key: try SoftwareSigningKey(privateKey: privateKey, algorithm: .edDSA))
        let dispatcher = NotificationDispatcher(
            store: store, transports: [ScriptedTransport(channel: .inbox, script: [])], clock: clock,
            configuration: DispatcherConfiguration(deemedServiceRule: rule),
            random: SeededRandomNumberGenerator(seed: 5), evidence: recorder, renderer: NotificationTestRenderer.render)
        let receipts = ReceiptProcessor(
            store: store, keys: Support.keys, clock: clock, random: SeededRandomNumberGenerator(seed: 6),
            evidence: recorder)
        return Setup(
            clock: clock, store: store, dispatcher: dispatcher, receipts: receipts,
            verification: try SoftwareVerificationKey(publicKey: privateKey.publicKey, algorithm: .edDSA))
    }

    static func receipt(_ setup: Setup, _ id: String, _ status: TransportReceipt.Status) async throws {
        let body = try Support.body(id, "N-1#inbox", status)
        _ = try await setup.receipts.process(body: body, authenticationCode: Support.tag(body, .inbox), from: .inbox)
    }

    @Test func deemedServedAfterNDaysFromDeliveryWithoutRead() async throws {
        let setup = try Self.setup(rule: DeemedServiceRule(jurisdiction: "HK", days: 7, anchor: .delivered))
        _ = try await setup.dispatcher.submit(
            try NotificationFixtures.notice(category: .legallyEffective, channels: [.inbox]))
        #expect(try await setup.dispatcher.runOnce().accepted == 1)
        setup.clock.advance(by: 3_600)
        try await Self.receipt(setup, "r1", .delivered)
        setup.clock.advance(by: 7 * 86_400 - 1)
        #expect(try await setup.dispatcher.applyDeemedService() == 0)
        setup.clock.advance(by: 1)
        #expect(try await setup.dispatcher.applyDeemedService() == 1)
        #expect(await setup.store.delivery(NoticeID("N-1"))?.state == .deemedServed)
        let evidence = await setup.store.evidence(for: NoticeID("N-1"))
        #expect(
            evidence.map(\.body.eventType)
                == [
                    EvidenceEventType.submissionAcceptance, .contentConsignment, .contentHandover, .deemedService,
                ].map(\.rawValue))
        #expect(EvidenceChain.verify(evidence, key: setup.verification).valid)
        // A late read no longer changes the legal position.
        await #expect(throws: NotificationError.illegalTransition(from: .deemedServed, event: .read)) {
            try await Self.receipt(setup, "r2", .read)
        }
    }

    @Test func readBeforeTheDeadlinePreventsDeemedService() async throws {
        let setup = try Self.setup(rule: DeemedServiceRule(jurisdiction: "MO", days: 5, anchor: .sent))
        _ = try await setup.dispatcher.submit(
            try NotificationFixtures.notice(category: .legallyEffective, channels: [.inbox]))
        _ = try await setup.dispatcher.runOnce()
        try await Self.receipt(setup, "r1", .read)
        setup.clock.advance(by: 30 * 86_400)
        #expect(try await setup.dispatcher.applyDeemedService() == 0)
        #expect(await setup.store.delivery(NoticeID("N-1"))?.state == .read)
        let events = await setup.store.evidence(for: NoticeID("N-1")).map(\.body.eventType)
        #expect(events.last == EvidenceEventType.acceptanceByRecipient.rawValue)
    }

    @Test func sentAnchorCountsFromAcceptanceEvenWithoutDeliveryReceipt() async throws {
        let setup = try Self.setup(rule: DeemedServiceRule(jurisdiction: "XX", days: 3, anchor: .sent))
        _ = try await setup.dispatcher.submit(
            try NotificationFixtures.notice(category: .legallyEffective, channels: [.inbox]))
        _ = try await setup.dispatcher.runOnce()
        setup.clock.advance(by: 3 * 86_400)
        #expect(try await setup.dispatcher.applyDeemedService() == 1)
    }

    @Test func informationalNoticesAreNotDeemedServed() async throws {
        let setup = try Self.setup(rule: DeemedServiceRule(jurisdiction: "HK", days: 1, anchor: .sent))
        _ = try await setup.dispatcher.submit(try NotificationFixtures.notice(channels: [.inbox]))
        _ = try await setup.dispatcher.runOnce()
        setup.clock.advance(by: 10 * 86_400)
        #expect(try await setup.dispatcher.applyDeemedService() == 0)
        #expect(await setup.store.evidence(for: NoticeID("N-1")).isEmpty)
    }
}
