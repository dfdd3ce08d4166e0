import Foundation

/// A ``NotificationStore`` in memory, for tests and single-process use.
public actor InMemoryNotificationStore: NotificationStore {
    /// Everything kept for one notice, under one key (one hash per look-up, one table to grow).
    private struct Entry: Sendable {
        var notice: Notice
        var delivery: Delivery
        /// The due time the delivery is scheduled at (heap entries that disagree are stale).
        var scheduled: Date?
        var evidence: [EvidenceRecord] = []

        /// Replaces the delivery and reschedules it: pending deliveries at their next attempt,
        /// leased ones at their lease expiry (to recover from a claimant that disappeared).
        mutating func store(_ delivery: Delivery, queue: inout DueQueue) {
            self.delivery = delivery
            let due = delivery.claimableAt
            guard scheduled != due else { return }
            scheduled = due
            if let due { queue.push(delivery.noticeID, due: due) }
        }
    }

    private var entries: [NoticeID: Entry] = [:]
    private var byIdempotencyKey: [String: NoticeID] = [:]
    private var queue = DueQueue()
    /// How long a claim lasts before another claimant may take the delivery.
    public let leaseDuration: TimeInterval

    /// Creates an empty store.
    public init(leaseDuration: TimeInterval = 300) {
        self.leaseDuration = leaseDuration
    }

    /// Enqueues a batch in one isolated step (one executor hop for the whole batch).
    public func enqueue(contentsOf batch: [Notice], at time: Date) throws(NotificationError)
        -> [(notice: Notice, created: Bool)]
    {
        var results: [(notice: Notice, created: Bool)] = []
        results.reserveCapacity(batch.count)
        for notice in batch { results.append(try enqueue(notice, at: time)) }
        return results
    }

    public func enqueue(_ notice: Notice, at time: Date) throws(NotificationError) -> (notice: Notice, created: Bool) {
        let storedWithKey = byIdempotencyKey[notice.idempotencyKey].flatMap { entries[$0]?.notice }
        let result = try notice.enqueueResult(
            inserted: storedWithKey == nil && entries[notice.id] == nil, storedWithKey: storedWithKey)
        guard result.created else { return result }
        let delivery = try Delivery.enqueued(notice, at: time)
        var entry = Entry(notice: notice, delivery: delivery, scheduled: nil)
        entry.store(delivery, queue: &queue)
        entries[notice.id] = entry
        byIdempotencyKey[notice.idempotencyKey] = notice.id
        return result
    }

    public func claimDue(now: Date, limit: Int) -> [Delivery] {
        var claimed: [Delivery] = []
        while claimed.count < limit, let top = queue.first, top.due <= now {
            _ = queue.popFirst()
            guard let entry = entries[top.id], entry.scheduled == top.due else { continue }
            var delivery = entry.delivery
            delivery.claim(now: now, lease: leaseDuration)
            entries[top.id]?.store(delivery, queue: &queue)
            claimed.append(delivery)
        }
        return claimed
    }

    public func update(_ delivery: Delivery) throws(NotificationError) -> Delivery {
        let updated = try delivery.revision(replacingStoredVersion: entries[delivery.noticeID]?.delivery.version)
        entries[delivery.noticeID]?.store(updated, queue: &queue)
        return updated
    }

    public func notice(_ id: NoticeID) -> Notice? { entries[id]?.notice }

    public func delivery(_ id: NoticeID) -> Delivery? { entries[id]?.delivery }

    public func deliveries(in states: Set<DeliveryState>) -> [Delivery] {
        entries.values.compactMap { states.contains($0.delivery.state) ? $0.delivery : nil }
    }

    public func nextDueDate() -> Date? {
        while let top = queue.first {
            if entries[top.id]?.scheduled == top.due { return top.due }
            _ = queue.popFirst()
        }
        return nil
    }

    public func appendEvidence(_ record: EvidenceRecord) throws(NotificationError) {
        let id = NoticeID(record.body.messageID)
        // Only the last record is read, so that appending does not copy the chain.
        let stored = entries[id].map { entry in entry.evidence.last.map { ($0.body.sequence, $0.hash) } }
        try EvidenceChain.checkAppend(record, noticeExists: stored != nil, last: stored ?? nil)
        entries[id]?.evidence.append(record)
    }

    public func evidence(for id: NoticeID) -> [EvidenceRecord] { entries[id]?.evidence ?? [] }

    /// The number of stored notices.
    public var noticeCount: Int { entries.count }
}
