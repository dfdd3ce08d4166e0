import EGovKit
import EGovTesting
import Foundation

/// The notifications part of `egov demo`: the licence decision is served as a legally effective
/// notice in the app inbox, delivered, not read, and deemed served after the statutory days, with
/// signed, hash-chained evidence that verifies offline.
enum NotificationsDemo {
    static var steps: [DemoStep] { [servedDecision] }

    static let servedDecision = DemoStep(
        title: "Notifications: the decision is served as a legally effective notice, with evidence"
    ) {
        let clock = ManualClock(TestPKI.referenceDate)
        let departmentKey = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let store = InMemoryNotificationStore()
        let notifications = try DemoFixtures.notifications(
            store: store, clock: clock, key: departmentKey, licenceNumber: "IAM-2026-0001")
        let (template, dispatcher, evidence) = (notifications.template, notifications.dispatcher, notifications.evidence)
        let notice = try Notice(
            id: NoticeID(rawValue: "notice-licence-0001"), idempotencyKey: "decision-IAM-2026-0001",
            recipientAccountID: "acct-org-1", department: "IAM", category: .legallyEffective, reference: "IAM/DL/2026/0001",
            templateID: template.id, templateVersion: template.version, preferredLocale: "zh-Hant-MO", channels: [.inbox],
            createdAt: clock.now())
        _ = try await dispatcher.submit(notice)
        _ = try await dispatcher.submit(notice)  // the same idempotency key: still one notice
        _ = try await dispatcher.runOnce()
        // The app reports delivery through an HMAC-authenticated receipt.
        let receiptKey = Array("inbox-receipt-key-for-the-demo-0".utf8)
        let receipts = ReceiptProcessor(
            store: store, keys: [.inbox: receiptKey], clock: clock, random: SeededRandomNumberGenerator(seed: 7),
            evidence: evidence)
        let body = Array(#"{"receiptID":"r-1","deliveryID":"notice-licence-0001#inbox","status":"delivered"}"#.utf8)
        _ = try await receipts.process(
            body: body, authenticationCode: try ReceiptProcessor.authenticationCode(for: body, key: receiptKey), from: .inbox)
        clock.advance(by: 8 * 86_400)
        let served = try await dispatcher.applyDeemedService()
        let records = await store.evidence(for: notice.id)
        let exported = try EvidenceChain.exportJSONLines(records)
        let verification = EvidenceChain.verify(
            try EvidenceChain.importJSONLines(exported), key: try departmentKey.publicKey.verificationKey(for: .es256))
        let deliveries = await notifications.transport.sent
        guard served == 1, verification.valid, deliveries.count == 1 else {
            throw DemoStep.Unexpected(
                detail: "served \(served), evidence valid \(verification.valid), deliveries \(deliveries.count)")
        }
        let events = DemoFixtures.eventNames(records)
        return "one notice for two submissions, delivered once to the inbox, deemed served after 7 days unread; "
            + "evidence (\(records.count) signed records: \(events.joined(separator: ", "))) verifies offline"
    }
}
