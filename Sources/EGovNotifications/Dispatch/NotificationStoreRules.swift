import EGovCore
import Foundation

// The rules every ``NotificationStore`` applies, written once. The in-memory, SQLite and
// PostgreSQL stores call these inside their transaction (or actor step) and only persist and
// query; where a rule must also hold across processes, the store expresses it in SQL (a `WHERE`
// clause, a unique key) with the parameters these functions produce.

extension Delivery {
    /// The delivery a store records when it enqueues `notice` at `time`: queued, due at once.
    ///
    /// - Throws: ``NotificationError/illegalTransition(from:event:)`` (never for a new delivery).
    public static func enqueued(_ notice: Notice, at time: Date) throws(NotificationError) -> Delivery {
        var delivery = Delivery(notice: notice)
        try delivery.apply(.enqueue, at: time)
        return delivery
    }

    /// Whether a claimant may take the delivery at `now`: its ``claimableAt`` has come.
    public func isClaimable(at now: Date) -> Bool {
        claimableAt.map { $0 <= now } ?? false
    }

    /// Leases the delivery to a claimant at `now` for `lease` seconds and bumps its version, as
    /// ``NotificationStore/claimDue(now:limit:)`` does for each delivery it hands out.
    public mutating func claim(now: Date, lease: TimeInterval) {
        leaseExpiresAt = now.addingTimeInterval(lease)
        version += 1
    }

    /// The value a store keeps when this delivery (as read, with the version it was read at)
    /// replaces the stored one: the same delivery with the next version.
    public var nextRevision: Delivery {
        var revised = self
        revised.version += 1
        return revised
    }

    /// Decides ``NotificationStore/update(_:)`` against the version stored for the delivery.
    ///
    /// - Parameter storedVersion: the stored delivery's version, or `nil` if none is stored.
    /// - Returns: the value to store (``nextRevision``).
    /// - Throws: ``NotificationError/unknownDelivery`` when none is stored,
    ///   ``NotificationError/conflict`` when the stored version is not the one this was read at.
    public func revision(replacingStoredVersion storedVersion: Int?) throws(NotificationError) -> Delivery {
        guard let storedVersion else { throw .unknownDelivery }
        guard storedVersion == version else { throw .conflict }
        return nextRevision
    }

    /// The error of an ``NotificationStore/update(_:)`` that a store's compare-and-set refused:
    /// ``NotificationError/unknownDelivery`` when no delivery is stored, else
    /// ``NotificationError/conflict`` (stores that test the version in SQL call this after a
    /// refused `UPDATE … WHERE version = ?`, with the version read back).
    public func refusedUpdate(storedVersion: Int?) -> NotificationError {
        do {
            _ = try revision(replacingStoredVersion: storedVersion)
            return .conflict
        } catch {
            return error
        }
    }
}

extension Notice {
    /// The result of ``NotificationStore/enqueue(_:at:)`` for this notice, given what the store
    /// found: stored now (`inserted`), or already stored under its idempotency key (`storedWithKey`).
    ///
    /// - Throws: ``NotificationError/conflict`` when neither holds (its id is taken by a notice
    ///   with another idempotency key).
    public func enqueueResult(inserted: Bool, storedWithKey: Notice?) throws(NotificationError) -> (
        notice: Notice, created: Bool
    ) {
        if inserted { return (self, true) }
        guard let storedWithKey else { throw .conflict }
        return (storedWithKey, false)
    }
}

extension EvidenceChain {
    /// Checks that `record` may be appended to its notice's stored chain, as
    /// ``NotificationStore/appendEvidence(_:)`` requires: the notice is stored, and the record
    /// carries the next sequence number and links to the last stored record's hash.
    ///
    /// - Parameters:
    ///   - record: the record to append.
    ///   - noticeExists: whether the record's notice is stored.
    ///   - last: the sequence number and hash of the last stored record of the chain, or `nil`
    ///     when the chain is empty.
    /// - Throws: ``NotificationError/unknownNotice`` or ``NotificationError/evidenceChainConflict``.
    public static func checkAppend(
        _ record: EvidenceRecord, noticeExists: Bool, last: (sequence: Int, hash: String)?
    ) throws(NotificationError) {
        guard noticeExists else { throw .unknownNotice }
        guard
            HashChain.check(
                sequence: record.body.sequence, previousHash: record.body.previousHash,
                expected: HashChain.next(after: last, genesis: genesisHash)) == nil
        else { throw .evidenceChainConflict }
    }
}
