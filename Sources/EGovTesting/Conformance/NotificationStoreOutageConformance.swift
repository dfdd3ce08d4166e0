import EGovCore
import EGovNotifications
import Foundation

/// The rule every durable `NotificationStore` must follow when its database fails: each read
/// throws a `StoreError` and none is answered as "nothing" (`nil`, an empty chain, an empty
/// queue).
///
/// Call it with a store whose database has been made unavailable (closed, stopped, unreachable)
/// after `noticeID` was enqueued.
public enum NotificationStoreOutageConformance {
    /// Runs every read of `store` and expects each to throw a `StoreError`.
    ///
    /// - Throws: the first ``StoreConformanceFailure``.
    public static func run(store: any NotificationStore, noticeID: NoticeID) async throws(StoreConformanceFailure) {
        let checker = ConformanceChecker(suite: "NotificationStoreOutage")
        try await checker.check("every read throws a StoreError when the database fails") { c in
            try await expectStoreError(c, "notice(_:)") { _ = try await store.notice(noticeID) }
            try await expectStoreError(c, "delivery(_:)") { _ = try await store.delivery(noticeID) }
            try await expectStoreError(c, "evidence(for:)") { _ = try await store.evidence(for: noticeID) }
            try await expectStoreError(c, "claimDue(now:limit:)") {
                _ = try await store.claimDue(now: .distantFuture, limit: 10)
            }
            try await expectStoreError(c, "deliveries(in:)") { _ = try await store.deliveries(in: [.queued]) }
            try await expectStoreError(c, "nextDueDate()") { _ = try await store.nextDueDate() }
        }
    }

    private static func expectStoreError(
        _ c: CheckContext, _ what: String, _ body: () async throws -> Void
    ) async throws(StoreConformanceFailure) {
        do {
            try await body()
        } catch is StoreError {
            return
        } catch {
            throw c.fail("\(what) threw \(error), not a StoreError")
        }
        throw c.fail("\(what) answered instead of throwing a StoreError")
    }
}
