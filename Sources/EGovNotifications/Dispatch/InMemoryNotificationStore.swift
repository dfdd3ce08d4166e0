import Foundation

/// A ``NotificationStore`` in memory, for tests and single-process use.
public actor InMemoryNotificationStore: NotificationStore {
    private var notices: [NoticeID: Notice] = [:]
    private var byIdempotencyKey: [String: NoticeID] = [:]
    private var deliveriesByID: [NoticeID: Delivery] = [:]
    private var evidenceByID: [NoticeID: [EvidenceRecord]] = [:]
    /// The due time each pending delivery is scheduled at (heap entries that disagree are stale).
    private var scheduled: [NoticeID: Date] = [:]
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
        if let existingID = byIdempotencyKey[notice.idempotencyKey], let existing = notices[existingID] {
            return (existing, false)
        }
        guard notices[notice.id] == nil else { throw .conflict }
        var delivery = Delivery(notice: notice)
        try delivery.apply(.enqueue, at: time)
        notices[notice.id] = notice
        byIdempotencyKey[notice.idempotencyKey] = notice.id
        store(delivery)
        return (notice, true)
    }

    public func claimDue(now: Date, limit: Int) -> [Delivery] {
        var claimed: [Delivery] = []
        while claimed.count < limit, let top = queue.first, top.due <= now {
            _ = queue.popFirst()
            guard scheduled[top.id] == top.due, var delivery = deliveriesByID[top.id] else { continue }
            delivery.leaseExpiresAt = now.addingTimeInterval(leaseDuration)
            delivery.version += 1
            store(delivery)
            claimed.append(delivery)
        }
        return claimed
    }

    public func update(_ delivery: Delivery) throws(NotificationError) -> Delivery {
        guard let current = deliveriesByID[delivery.noticeID] else { throw .unknownDelivery }
        guard current.version == delivery.version else { throw .conflict }
        var updated = delivery
        updated.version += 1
        store(updated)
        return updated
    }

    public func notice(_ id: NoticeID) -> Notice? { notices[id] }

    public func delivery(_ id: NoticeID) -> Delivery? { deliveriesByID[id] }

    public func deliveries(in states: Set<DeliveryState>) -> [Delivery] {
        deliveriesByID.values.filter { states.contains($0.state) }
    }

    public func nextDueDate() -> Date? {
        while let top = queue.first {
            if scheduled[top.id] == top.due { return top.due }
            _ = queue.popFirst()
        }
        return nil
    }

    public func appendEvidence(_ record: EvidenceRecord) throws(NotificationError) {
        let id = NoticeID(record.body.messageID)
        guard notices[id] != nil else { throw .unknownNotice }
        let chain = evidenceByID[id, default: []]
        guard record.body.sequence == chain.count,
            record.body.previousHash == (chain.last?.hash ?? EvidenceChain.genesisHash)
        else { throw .evidenceChainConflict }
        evidenceByID[id, default: []].append(record)
    }

    public func evidence(for id: NoticeID) -> [EvidenceRecord] { evidenceByID[id] ?? [] }

    /// The number of stored notices.
    public var noticeCount: Int { notices.count }

    /// Stores `delivery` and reschedules it: pending deliveries at their next attempt, leased
    /// ones at their lease expiry (to recover from a claimant that disappeared).
    private func store(_ delivery: Delivery) {
        deliveriesByID[delivery.noticeID] = delivery
        var due: Date?
        if let lease = delivery.leaseExpiresAt {
            due = lease
        } else {
            switch delivery.state {
            case .queued, .temporaryFailure: due = delivery.nextAttemptAt ?? .distantPast
            default: due = nil
            }
        }
        guard scheduled[delivery.noticeID] != due else { return }
        scheduled[delivery.noticeID] = due
        if let due { queue.push(delivery.noticeID, due: due) }
    }
}
