import EGovCore
import Foundation

/// Durable storage for notices, their deliveries (an outbox) and their evidence.
///
/// Implementations must make ``enqueue(_:at:)`` idempotent on the idempotency key, hand each due
/// delivery to one claimant at a time (``claimDue(now:limit:)`` sets a lease), and refuse a stale
/// ``update(_:)`` (optimistic concurrency on ``Delivery/version``). The rules are written once, in
/// this module, for every implementation to call: ``Delivery/enqueued(_:at:)``,
/// ``Notice/enqueueResult(inserted:storedWithKey:)``, ``Delivery/isClaimable(at:)`` and
/// ``Delivery/claim(now:lease:)``, ``Delivery/revision(replacingStoredVersion:)`` and
/// ``EvidenceChain/checkAppend(_:noticeExists:last:)``.
///
/// Every requirement throws: writes a ``NotificationError`` (a database failure as
/// ``NotificationError/store(_:)``), reads a `StoreError`. A read that fails is never answered as
/// "nothing" (`nil`, an empty list).
public protocol NotificationStore: Sendable {
    /// Stores `notice` and a queued delivery for it, unless a notice with the same idempotency
    /// key exists, in which case that one is returned with `created == false`.
    ///
    /// - Throws: ``NotificationError/conflict`` if the notice id is taken by another key.
    func enqueue(_ notice: Notice, at time: Date) async throws(NotificationError) -> (notice: Notice, created: Bool)

    /// Up to `limit` deliveries due at `now` (queued or temporarily failed with
    /// ``Delivery/nextAttemptAt`` ≤ `now`, or sending with an expired lease), earliest first,
    /// each leased to the caller.
    ///
    /// - Throws: a `StoreError` when the store cannot be read (a failed read is never reported
    ///   as an empty queue).
    func claimDue(now: Date, limit: Int) async throws(StoreError) -> [Delivery]

    /// Replaces a delivery. Returns the stored value (with its new version).
    ///
    /// - Throws: ``NotificationError/unknownDelivery`` or ``NotificationError/conflict`` if the
    ///   delivery changed since it was read.
    func update(_ delivery: Delivery) async throws(NotificationError) -> Delivery

    /// The notice with `id`, or `nil` if none is stored.
    ///
    /// - Throws: a `StoreError` when the store cannot be read.
    func notice(_ id: NoticeID) async throws(StoreError) -> Notice?

    /// The delivery of notice `id`, or `nil` if none is stored.
    ///
    /// - Throws: a `StoreError` when the store cannot be read.
    func delivery(_ id: NoticeID) async throws(StoreError) -> Delivery?

    /// All deliveries currently in one of `states`.
    ///
    /// - Throws: a `StoreError` when the store cannot be read.
    func deliveries(in states: Set<DeliveryState>) async throws(StoreError) -> [Delivery]

    /// The earliest time a delivery becomes due, or `nil` if none is pending.
    ///
    /// - Throws: a `StoreError` when the store cannot be read.
    func nextDueDate() async throws(StoreError) -> Date?

    /// Appends an evidence record to its notice's chain.
    ///
    /// - Throws: ``NotificationError/evidenceChainConflict`` if the record does not link to the
    ///   current last record, ``NotificationError/unknownNotice``.
    func appendEvidence(_ record: EvidenceRecord) async throws(NotificationError)

    /// The evidence chain of notice `id`, first record first (empty for an unknown notice).
    ///
    /// - Throws: a `StoreError` when the store cannot be read.
    func evidence(for id: NoticeID) async throws(StoreError) -> [EvidenceRecord]

    /// Enqueues several notices, each idempotently (a key repeated within the batch counts as
    /// already stored), in order. Durable stores do it in one transaction: either every notice
    /// of the batch is stored or, when one is refused, none. The default enqueues one by one.
    func enqueue(contentsOf notices: [Notice], at time: Date) async throws(NotificationError)
        -> [(notice: Notice, created: Bool)]
}

extension NotificationStore {
    /// ``enqueue(_:at:)`` as a batch of one, for stores whose batch enqueue is the primitive.
    package func enqueueAsBatch(_ notice: Notice, at time: Date) async throws(NotificationError) -> (
        notice: Notice, created: Bool
    ) {
        let results = try await enqueue(contentsOf: [notice], at: time)
        guard let result = results.first else { throw .store(.unavailable(operation: "enqueue")) }
        return result
    }

    /// Enqueues several notices, each idempotently, in order; stores may do it in one step (the
    /// in-memory store takes one actor hop for the whole batch).
    public func enqueue(contentsOf notices: [Notice], at time: Date) async throws(NotificationError)
        -> [(notice: Notice, created: Bool)]
    {
        var results: [(notice: Notice, created: Bool)] = []
        results.reserveCapacity(notices.count)
        for notice in notices { results.append(try await enqueue(notice, at: time)) }
        return results
    }
}
