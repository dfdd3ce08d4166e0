import EGovCore
import EGovNotifications
import EGovTesting
import Foundation
import Testing

@Suite struct NotificationDispatcherTests {
    static func dispatcher(
        store: InMemoryNotificationStore, transports: [any NotificationTransport], clock: ManualClock,
        configuration: DispatcherConfiguration = DispatcherConfiguration()
    ) -> NotificationDispatcher {
        NotificationDispatcher(
            store: store, transports: transports, clock: clock, configuration: configuration,
            random: SeededRandomNumberGenerator(seed: 1), renderer: NotificationTestRenderer.render)
    }

    @Test func dispatcherHonoursBackoffTimingWithManualClock() async throws {
        let clock = ManualClock()
        let store = InMemoryNotificationStore()
        let transport = ScriptedTransport(channel: .email, script: [.temporaryFailure, .temporaryFailure, .accepted])
        let policy = RetryPolicy(baseDelay: 60, maximumDelay: 3_600, maximumAttempts: 5, maximumAge: 86_400)
        let dispatcher = NotificationDispatcher(
            store: store, transports: [transport], clock: clock,
            configuration: DispatcherConfiguration(retryPolicy: policy),
            random: SeededRandomNumberGenerator(seed: 99), renderer: NotificationTestRenderer.render)
        _ = try await dispatcher.submit(try NotificationFixtures.notice(channels: [.email]))
        var expected = SeededRandomNumberGenerator(seed: 99)

        #expect(try await dispatcher.runOnce().retried == 1)
        let firstDelay = policy.delay(afterAttempt: 1, using: &expected)
        #expect(await store.nextDueDate() == clock.now().addingTimeInterval(firstDelay))
        clock.advance(by: firstDelay - 0.5)
        #expect(try await dispatcher.runOnce().claimed == 0)
        clock.advance(by: 0.5)
        #expect(try await dispatcher.runOnce().retried == 1)
        let secondDelay = policy.delay(afterAttempt: 2, using: &expected)
        clock.advance(by: secondDelay)
        #expect(try await dispatcher.runOnce().accepted == 1)
        let delivery = try #require(await store.delivery(NoticeID("N-1")))
        #expect(delivery.state == .sent)
        #expect(delivery.attempt == 3)
        #expect(await transport.attempts() == [1, 2, 3])
    }

    @Test func permanentFailureFallsBackToTheNextChannel() async throws {
        let clock = ManualClock()
        let store = InMemoryNotificationStore()
        let email = ScriptedTransport(channel: .email, script: [.permanentFailure])
        let letter = ScriptedTransport(channel: .letter, script: [])
        let dispatcher = Self.dispatcher(store: store, transports: [email, letter], clock: clock)
        _ = try await dispatcher.submit(try NotificationFixtures.notice(channels: [.email, .letter]))
        let first = try await dispatcher.runOnce()
        #expect(first.channelFailures == 1)
        let second = try await dispatcher.runOnce()
        #expect(second.accepted == 1)
        let delivery = try #require(await store.delivery(NoticeID("N-1")))
        #expect(delivery.state == .sent)
        #expect(delivery.channel == .letter)
        #expect(delivery.permanentlyFailedChannels == [.email])
        #expect(await email.deliveryIDs().map(\.rawValue) == ["N-1#email"])
        #expect(await letter.deliveryIDs().map(\.rawValue) == ["N-1#letter"])
    }

    @Test func lastChannelFailingPermanentlyFailsTheDelivery() async throws {
        let clock = ManualClock()
        let store = InMemoryNotificationStore()
        let sms = ScriptedTransport(channel: .sms, script: [.permanentFailure])
        let dispatcher = Self.dispatcher(store: store, transports: [sms], clock: clock)
        _ = try await dispatcher.submit(try NotificationFixtures.notice(channels: [.sms, .push]))
        _ = try await dispatcher.runOnce()
        let report = try await dispatcher.runOnce()
        #expect(report.failed == 1)
        let delivery = try #require(await store.delivery(NoticeID("N-1")))
        #expect(delivery.state == .failed)
        #expect(delivery.permanentlyFailedChannels == [.sms, .push])
    }

    @Test func quietHoursHoldBackNormalButNotUrgentNotices() async throws {
        // 2026-01-01T00:00Z is 08:00 at UTC+8; quiet hours 07:00–09:00 local.
        let clock = ManualClock()
        let store = InMemoryNotificationStore()
        let sms = ScriptedTransport(channel: .sms, script: [])
        let quiet = QuietHours(startMinute: 7 * 60, endMinute: 9 * 60, utcOffsetSeconds: 8 * 3_600)
        let dispatcher = Self.dispatcher(
            store: store, transports: [sms], clock: clock,
            configuration: DispatcherConfiguration(quietHours: quiet))
        _ = try await dispatcher.submit(try NotificationFixtures.notice(id: "normal", channels: [.sms]))
        _ = try await dispatcher.submit(
            try NotificationFixtures.notice(id: "urgent", channels: [.sms], urgency: .urgent))
        let report = try await dispatcher.runOnce()
        #expect(report.deferred == 1)
        #expect(report.accepted == 1)
        #expect(await store.nextDueDate() == clock.now().addingTimeInterval(3_600))
        clock.advance(by: 3_599)
        #expect(try await dispatcher.runOnce().claimed == 0)
        clock.advance(by: 1)
        #expect(try await dispatcher.runOnce().accepted == 1)
        #expect(Set(await sms.deliveryIDs().map(\.noticeID.rawValue)) == ["normal", "urgent"])
    }

    @Test func quietHoursWrapPastMidnight() {
        let quiet = QuietHours(startMinute: 22 * 60, endMinute: 7 * 60, utcOffsetSeconds: 0)
        let midnight = TestPKI.referenceDate
        #expect(quiet.isQuiet(at: midnight))
        #expect(quiet.end(after: midnight) == midnight.addingTimeInterval(7 * 3_600))
        #expect(!quiet.isQuiet(at: midnight.addingTimeInterval(12 * 3_600)))
        #expect(quiet.isQuiet(at: midnight.addingTimeInterval(23 * 3_600)))
        #expect(quiet.end(after: midnight.addingTimeInterval(23 * 3_600)) == midnight.addingTimeInterval(31 * 3_600))
    }

    @Test func tokenBucketLimitsEachChannel() async throws {
        let clock = ManualClock()
        let store = InMemoryNotificationStore()
        let email = ScriptedTransport(channel: .email, script: [])
        let dispatcher = Self.dispatcher(
            store: store, transports: [email], clock: clock,
            configuration: DispatcherConfiguration(rateLimits: [.email: TokenBucket(capacity: 2, ratePerSecond: 1)]))
        for index in 0..<5 {
            _ = try await dispatcher.submit(try NotificationFixtures.notice(id: "N\(index)", channels: [.email]))
        }
        let first = try await dispatcher.runOnce()
        #expect(first.accepted == 2)
        #expect(first.deferred == 3)
        clock.advance(by: 1)
        #expect(try await dispatcher.runOnce().accepted == 1)
        clock.advance(by: 2)
        #expect(try await dispatcher.runOnce().accepted == 2)
        #expect(await email.deliveryIDs().count == 5)
    }

    @Test func expiredNoticesAreNotSent() async throws {
        let clock = ManualClock()
        let store = InMemoryNotificationStore()
        let inbox = ScriptedTransport(channel: .inbox, script: [])
        let dispatcher = Self.dispatcher(store: store, transports: [inbox], clock: clock)
        _ = try await dispatcher.submit(
            try NotificationFixtures.notice(channels: [.inbox], expiresAt: clock.now().addingTimeInterval(60)))
        clock.advance(by: 60)
        #expect(try await dispatcher.runOnce().expired == 1)
        #expect(await store.delivery(NoticeID("N-1"))?.state == .expired)
        #expect(await inbox.deliveryIDs().isEmpty)
    }

    @Test func cancelBeforeSendingStopsDelivery() async throws {
        let clock = ManualClock()
        let store = InMemoryNotificationStore()
        let inbox = ScriptedTransport(channel: .inbox, script: [])
        let dispatcher = Self.dispatcher(store: store, transports: [inbox], clock: clock)
        _ = try await dispatcher.submit(try NotificationFixtures.notice(channels: [.inbox]))
        try await dispatcher.cancel(NoticeID("N-1"))
        #expect(try await dispatcher.runOnce().claimed == 0)
        #expect(await store.delivery(NoticeID("N-1"))?.state == .cancelled)
        await #expect(throws: NotificationError.unknownNotice) { try await dispatcher.cancel(NoticeID("nope")) }
    }

    @Test func abandonedClaimIsReclaimedAfterTheLeaseWithTheSameDeliveryID() async throws {
        let clock = ManualClock()
        let store = InMemoryNotificationStore(leaseDuration: 120)
        _ = try await store.enqueue(try NotificationFixtures.notice(channels: [.inbox]), at: clock.now())
        var claimed = try #require(await store.claimDue(now: clock.now(), limit: 10).first)
        try claimed.apply(.startSending, at: clock.now())
        _ = try await store.update(claimed)
        // The claimant disappears while sending.
        #expect(await store.claimDue(now: clock.now().addingTimeInterval(119), limit: 10).isEmpty)
        let reclaimed = await store.claimDue(now: clock.now().addingTimeInterval(120), limit: 10)
        #expect(reclaimed.map(\.state) == [.sending])
        #expect(reclaimed.first?.transportDeliveryID.rawValue == "N-1#inbox")
    }

    @Test func staleUpdatesAreRefused() async throws {
        let store = InMemoryNotificationStore()
        _ = try await store.enqueue(try NotificationFixtures.notice(), at: TestPKI.referenceDate)
        let original = try #require(await store.delivery(NoticeID("N-1")))
        _ = try await store.update(original)
        await #expect(throws: NotificationError.conflict) { try await store.update(original) }
    }

    @Test func dispatcherRetriesAnAbandonedSendWithTheSameDeliveryID() async throws {
        let clock = ManualClock()
        let store = InMemoryNotificationStore(leaseDuration: 60)
        let inbox = ScriptedTransport(channel: .inbox, script: [])
        let dispatcher = Self.dispatcher(store: store, transports: [inbox], clock: clock)
        _ = try await dispatcher.submit(try NotificationFixtures.notice(channels: [.inbox]))
        var claimed = try #require(await store.claimDue(now: clock.now(), limit: 1).first)
        try claimed.apply(.startSending, at: clock.now())
        _ = try await store.update(claimed)
        clock.advance(by: 60)
        #expect(try await dispatcher.runOnce().accepted == 1)
        #expect(await inbox.attempts() == [2])
        #expect(await inbox.deliveryIDs().map(\.rawValue) == ["N-1#inbox"])
        let delivery = try #require(await store.delivery(NoticeID("N-1")))
        #expect(delivery.history.map(\.event) == [.enqueue, .startSending, .failTemporarily, .startSending, .accept])
    }

    @Test func countersArePerChannel() async throws {
        let clock = ManualClock()
        let store = InMemoryNotificationStore()
        let factory = CountingMetricsFactory()
        let metrics = NotificationMetrics(factory: factory)
        let email = ScriptedTransport(channel: .email, script: [.temporaryFailure, .permanentFailure])
        let sms = ScriptedTransport(channel: .sms, script: [])
        let dispatcher = NotificationDispatcher(
            store: store, transports: [email, sms], clock: clock,
            configuration: DispatcherConfiguration(retryPolicy: RetryPolicy(baseDelay: 0, maximumDelay: 0)),
            random: SeededRandomNumberGenerator(seed: 1), metrics: metrics, renderer: NotificationTestRenderer.render)
        _ = try await dispatcher.submit(try NotificationFixtures.notice(channels: [.email, .sms]))
        for _ in 0..<3 { _ = try await dispatcher.runOnce() }
        let receipts = ReceiptProcessor(
            store: store, keys: NotificationReceiptTestSupport.keys, clock: clock,
            random: SeededRandomNumberGenerator(seed: 2), metrics: metrics)
        let body = try NotificationReceiptTestSupport.body("r", "N-1#sms", .delivered)
        _ = try await receipts.process(
            body: body, authenticationCode: NotificationReceiptTestSupport.tag(body, .sms), from: .sms)
        #expect(factory.total("egov_notifications_retried", channel: "email") == 1)
        #expect(factory.total("egov_notifications_failed", channel: "email") == 1)
        #expect(factory.total("egov_notifications_sent", channel: "email") == 0)
        #expect(factory.total("egov_notifications_sent", channel: "sms") == 1)
        #expect(factory.total("egov_notifications_delivered", channel: "sms") == 1)
    }
}
