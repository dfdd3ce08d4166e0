import EGovCore
import EGovNotifications
import EGovTesting
import Foundation
import Testing

/// A store whose reads of notices, deliveries and evidence fail (a database outage), over an
/// in-memory store for everything else.
private struct FailingReadsStore: NotificationStore {
    let base = InMemoryNotificationStore()
    static let outage = StoreError.unavailable(operation: "read")

    func enqueue(_ notice: Notice, at time: Date) async throws(NotificationError) -> (notice: Notice, created: Bool) {
        try await base.enqueue(notice, at: time)
    }
    func claimDue(now: Date, limit: Int) async throws(StoreError) -> [Delivery] {
        await base.claimDue(now: now, limit: limit)
    }
    func update(_ delivery: Delivery) async throws(NotificationError) -> Delivery { try await base.update(delivery) }
    func notice(_ id: NoticeID) async throws(StoreError) -> Notice? { throw Self.outage }
    func delivery(_ id: NoticeID) async throws(StoreError) -> Delivery? { throw Self.outage }
    func deliveries(in states: Set<DeliveryState>) async throws(StoreError) -> [Delivery] {
        await base.deliveries(in: states)
    }
    func nextDueDate() async throws(StoreError) -> Date? { await base.nextDueDate() }
    func appendEvidence(_ record: EvidenceRecord) async throws(NotificationError) {
        try await base.appendEvidence(record)
    }
    func evidence(for id: NoticeID) async throws(StoreError) -> [EvidenceRecord] { throw Self.outage }
}

/// A failed read reaches the caller: it is never taken for a missing notice or delivery.
@Suite struct NotificationReadFailureTests {
    @Test func dispatcherReportsAFailedRead() async throws {
        let clock = ManualClock()
        let store = FailingReadsStore()
        let dispatcher = NotificationDispatcher(
            store: store, transports: [ScriptedTransport(channel: .email, script: [.accepted])], clock: clock,
            random: SeededRandomNumberGenerator(seed: 1), renderer: NotificationTestRenderer.render)
        _ = try await dispatcher.submit(try NotificationFixtures.notice(channels: [.email]))
        await #expect(throws: FailingReadsStore.outage) { try await dispatcher.runOnce() }
        await #expect(throws: NotificationError.store(FailingReadsStore.outage)) {
            try await dispatcher.cancel(NoticeID("N-1"))
        }
    }
}
