import EGovCore
import Foundation
import Testing

@testable import EGovNotifications

@Suite struct NotificationBatchEnqueueTests {
    @Test func batchEnqueueIsIdempotentPerKey() async throws {
        let store = InMemoryNotificationStore()
        let now = Date(timeIntervalSince1970: 1_767_225_600)
        func notice(_ index: Int, key: String) throws -> Notice {
            try Notice(
                id: NoticeID(rawValue: "n-\(index)"), idempotencyKey: key, recipientAccountID: "acct-1", department: "IAM",
                category: .informational, reference: "IAM/REF", templateID: "t", templateVersion: 1,
                preferredLocale: "pt-MO", channels: [.sms], createdAt: now)
        }
        let results = try await store.enqueue(
            contentsOf: [try notice(1, key: "a"), try notice(2, key: "b"), try notice(3, key: "a")], at: now)
        #expect(results.map(\.created) == [true, true, false])
        #expect(results[2].notice.id == NoticeID(rawValue: "n-1"))
        #expect(await store.deliveries(in: [.queued]).count == 2)
    }
}
