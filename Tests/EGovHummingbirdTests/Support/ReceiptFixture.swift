import EGovCore
import EGovNotifications
import EGovTesting
import Foundation

/// An outbox with notice `N-1` sent on e-mail, and the receipt processor for it.
struct ReceiptFixture: Sendable {
    static let keys: [NotificationChannel: [UInt8]] = [
        .email: Array("receipt-key-email-0123456789abcdef".utf8), .sms: Array("receipt-key-sms-0123456789abcdef".utf8),
    ]

    let clock: ManualClock
    let store: InMemoryNotificationStore
    let processor: ReceiptProcessor

    init() async throws {
        clock = ManualClock()
        store = InMemoryNotificationStore()
        let notice = try Notice(
            id: NoticeID("N-1"), idempotencyKey: "key-N-1", recipientAccountID: "acct-N-1", department: "dept-tax",
            category: .informational, reference: "TAX-2026-00042", templateID: "tax-assessment", templateVersion: 1,
            preferredLocale: "zh-Hant-MO", channels: [.email, .sms], createdAt: clock.now())
        _ = try await store.enqueue(notice, at: clock.now())
        guard var delivery = await store.claimDue(now: clock.now(), limit: 1).first else {
            throw Missing()
        }
        try delivery.apply(.startSending, at: clock.now())
        try delivery.apply(.accept, at: clock.now())
        delivery.leaseExpiresAt = nil
        _ = try await store.update(delivery)
        processor = ReceiptProcessor(
            store: store, keys: Self.keys, clock: clock, random: SeededRandomNumberGenerator(seed: 3))
    }

    struct Missing: Error {}

    static func body(
        _ receiptID: String, _ deliveryID: String = "N-1#email", _ status: TransportReceipt.Status = .delivered
    )
        throws -> [UInt8]
    {
        Array(try JSONEncoder().encode(TransportReceipt(receiptID: receiptID, deliveryID: deliveryID, status: status)))
    }

    /// The hex HMAC of `body` under `channel`'s key.
    static func tag(_ body: [UInt8], _ channel: NotificationChannel = .email) throws -> String {
        Hex.encode(try ReceiptProcessor.authenticationCode(for: body, key: keys[channel] ?? []))
    }

    func state() async throws -> DeliveryState? {
        await store.delivery(NoticeID("N-1"))?.state
    }
}
