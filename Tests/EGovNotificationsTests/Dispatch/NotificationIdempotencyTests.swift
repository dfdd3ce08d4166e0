import EGovCore
import EGovNotifications
import EGovTesting
import Foundation
import Testing

@Suite struct NotificationIdempotencyTests {
    @Test func hundredConcurrentEnqueuesWithOneKeyCreateOneNotice() async throws {
        let store = InMemoryNotificationStore()
        let notices = try (0..<100).map { try NotificationFixtures.notice(id: "N-\($0)", key: "same-key") }
        let created = await withTaskGroup(of: (NoticeID, Bool).self) { group in
            for notice in notices {
                group.addTask {
                    let result = try? await store.enqueue(notice, at: TestPKI.referenceDate)
                    return (result?.notice.id ?? NoticeID("error"), result?.created ?? false)
                }
            }
            var results: [(NoticeID, Bool)] = []
            for await result in group { results.append(result) }
            return results
        }
        #expect(created.filter(\.1).count == 1)
        #expect(Set(created.map(\.0)).count == 1)
        #expect(await store.noticeCount == 1)
        #expect(await store.claimDue(now: TestPKI.referenceDate, limit: 1_000).count == 1)
    }

    @Test func reusedNoticeIDWithAnotherKeyIsAConflict() async throws {
        let store = InMemoryNotificationStore()
        _ = try await store.enqueue(try NotificationFixtures.notice(id: "N", key: "a"), at: TestPKI.referenceDate)
        await #expect(throws: NotificationError.conflict) {
            try await store.enqueue(try NotificationFixtures.notice(id: "N", key: "b"), at: TestPKI.referenceDate)
        }
    }
}
