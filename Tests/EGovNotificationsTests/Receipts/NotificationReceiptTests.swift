import EGovCore
import EGovNotifications
import EGovTesting
import Foundation
import Testing

@Suite struct NotificationReceiptTests {
    typealias Support = NotificationReceiptTestSupport

    /// A store with notice `N-1` sent on `.email` (fallback `.sms`).
    static func sentNotice(clock: ManualClock) async throws -> (InMemoryNotificationStore, ReceiptProcessor) {
        let store = InMemoryNotificationStore()
        _ = try await store.enqueue(try NotificationFixtures.notice(channels: [.email, .sms]), at: clock.now())
        var delivery = try #require(await store.claimDue(now: clock.now(), limit: 1).first)
        try delivery.apply(.startSending, at: clock.now())
        try delivery.apply(.accept, at: clock.now())
        delivery.leaseExpiresAt = nil
        _ = try await store.update(delivery)
        let processor = ReceiptProcessor(
            store: store, keys: Support.keys, clock: clock, random: SeededRandomNumberGenerator(seed: 3))
        return (store, processor)
    }

    @Test func deliveredThenReadReceiptsDriveTheStateMachine() async throws {
        let clock = ManualClock()
        let (store, processor) = try await Self.sentNotice(clock: clock)
        let delivered = try Support.body("r1", "N-1#email", .delivered)
        #expect(
            try await processor.process(
                body: delivered, authenticationCode: Support.tag(delivered, .email), from: .email)
                == .applied(.delivered))
        let read = try Support.body("r2", "N-1#email", .read)
        #expect(
            try await processor.process(
                body: read, hexAuthenticationCode: Hex.encode(Support.tag(read, .email)), from: .email)
                == .applied(.read))
        #expect(await store.delivery(NoticeID("N-1"))?.state == .read)
    }

    @Test func receiptsAreIdempotent() async throws {
        let clock = ManualClock()
        let (_, processor) = try await Self.sentNotice(clock: clock)
        let body = try Support.body("r1", "N-1#email", .delivered)
        let tag = try Support.tag(body, .email)
        #expect(try await processor.process(body: body, authenticationCode: tag, from: .email) == .applied(.delivered))
        #expect(try await processor.process(body: body, authenticationCode: tag, from: .email) == .duplicate)
        let again = try Support.body("r1-retry", "N-1#email", .delivered)
        #expect(
            try await processor.process(body: again, authenticationCode: Support.tag(again, .email), from: .email)
                == .duplicate)
    }

    @Test func badHMACIsRefused() async throws {
        let clock = ManualClock()
        let (store, processor) = try await Self.sentNotice(clock: clock)
        let body = try Support.body("r1", "N-1#email", .delivered)
        var tag = try Support.tag(body, .email)
        tag[0] ^= 1
        await #expect(throws: NotificationError.receiptAuthenticationFailed) {
            try await processor.process(body: body, authenticationCode: tag, from: .email)
        }
        // Another transport's key.
        await #expect(throws: NotificationError.receiptAuthenticationFailed) {
            try await processor.process(body: body, authenticationCode: Support.tag(body, .sms), from: .email)
        }
        // A body changed after signing (one byte of whitespace).
        let goodTag = try Support.tag(body, .email)
        await #expect(throws: NotificationError.receiptAuthenticationFailed) {
            try await processor.process(body: body + [0x20], authenticationCode: goodTag, from: .email)
        }
        await #expect(throws: NotificationError.receiptAuthenticationFailed) {
            try await processor.process(body: body, hexAuthenticationCode: "zz", from: .email)
        }
        await #expect(throws: NotificationError.receiptAuthenticationFailed) {
            try await processor.process(body: body, authenticationCode: [], from: .email)
        }
        #expect(await store.delivery(NoticeID("N-1"))?.state == .sent)
    }

    @Test func unknownDeliveriesAndTransportsAreRefused() async throws {
        let clock = ManualClock()
        let store = InMemoryNotificationStore()
        _ = try await store.enqueue(try NotificationFixtures.notice(channels: [.email]), at: clock.now())
        let processor = ReceiptProcessor(
            store: store, keys: [.email: Support.keys[.email] ?? []], clock: clock,
            random: SeededRandomNumberGenerator(seed: 3))
        for deliveryID in ["N-404#email", "garbage", "N-1#sms"] {
            let body = try Support.body("r", deliveryID, .delivered)
            await #expect(throws: NotificationError.unknownDelivery) {
                try await processor.process(body: body, authenticationCode: Support.tag(body, .email), from: .email)
            }
        }
        let body = try Support.body("r", "N-1#sms", .delivered)
        await #expect(throws: NotificationError.unknownTransport) {
            try await processor.process(body: body, authenticationCode: Support.tag(body, .sms), from: .sms)
        }
        let junk = Array("not json".utf8)
        await #expect(throws: NotificationError.malformedReceipt) {
            try await processor.process(body: junk, authenticationCode: Support.tag(junk, .email), from: .email)
        }
    }

    @Test func failureReceiptsRetryOrFallBack() async throws {
        let clock = ManualClock()
        let (store, processor) = try await Self.sentNotice(clock: clock)
        let temporary = try Support.body("r1", "N-1#email", .failedTemporary)
        #expect(
            try await processor.process(
                body: temporary, authenticationCode: Support.tag(temporary, .email), from: .email)
                == .applied(.temporaryFailure))
        var delivery = try #require(await store.claimDue(now: clock.now().addingTimeInterval(86_400), limit: 1).first)
        try delivery.apply(.startSending, at: clock.now())
        try delivery.apply(.accept, at: clock.now())
        delivery.leaseExpiresAt = nil
        _ = try await store.update(delivery)
        let permanent = try Support.body("r2", "N-1#email", .failedPermanent)
        #expect(
            try await processor.process(
                body: permanent, authenticationCode: Support.tag(permanent, .email), from: .email)
                == .applied(.queued))
        #expect(await store.delivery(NoticeID("N-1"))?.channel == .sms)
        let late = try Support.body("r3", "N-1#email", .delivered)
        #expect(
            try await processor.process(body: late, authenticationCode: Support.tag(late, .email), from: .email)
                == .stale)
    }
}
