import EGovCore
import EGovNotifications
import Foundation

/// The rules every `NotificationStore` must follow, as executable checks.
///
/// ```swift
/// try await NotificationStoreConformance.run(leaseDuration: 300) { try MyStore.makeEmpty() }
/// ```
///
/// `makeStore` must return an empty store using `leaseDuration` for its claims; it is called once
/// per check. The checks cover idempotent enqueue (single, batch, concurrent), identifier
/// conflicts, claiming with a lease (once per lease, earliest first, never twice concurrently,
/// again after the lease expired), optimistic concurrency on `Delivery/version`, rescheduling,
/// queries, evidence chains, and exact round-trips of notices and deliveries.
public enum NotificationStoreConformance {
    /// Makes an empty store.
    public typealias Factory = @Sendable () async throws -> any NotificationStore

    /// Runs every check.
    ///
    /// - Throws: the first ``StoreConformanceFailure``.
    public static func run(leaseDuration: TimeInterval, makeStore: Factory) async throws(StoreConformanceFailure) {
        let checker = ConformanceChecker(suite: "NotificationStore")
        let t0 = TestPKI.referenceDate

        try await checker.check("enqueue is idempotent on the idempotency key") { c in
            let store = try await makeStore()
            let first = try notice("N-1", key: "key-1")
            let result = try await store.enqueue(first, at: t0)
            try c.expect(result.created && result.notice == first, "the first enqueue must create the notice")
            let again = try await store.enqueue(try notice("N-2", key: "key-1"), at: t0.addingTimeInterval(5))
            try c.expect(!again.created, "a second enqueue with the same key must not create a notice")
            try c.expect(again.notice == first, "a second enqueue must return the stored notice")
            try c.expect(await store.notice(NoticeID("N-2")) == nil, "the duplicate must not be stored")
            try c.expect(await store.notice(first.id) == first, "the notice must round-trip exactly")
            let delivery = try await store.delivery(first.id)
            try c.expect(delivery?.state == .queued, "a new notice's delivery must be queued")
            try c.expect(delivery?.nextAttemptAt == t0, "the delivery must be due at the enqueue time")
        }

        try await checker.check("an identifier taken by another key is a conflict") { c in
            let store = try await makeStore()
            _ = try await store.enqueue(try notice("N-1", key: "a"), at: t0)
            try await c.expectError(NotificationError.conflict, "enqueue of a taken id") {
                _ = try await store.enqueue(try notice("N-1", key: "b"), at: t0)
            }
        }

        try await checker.check("batch enqueue is idempotent, also within the batch") { c in
            let store = try await makeStore()
            let a = try notice("N-a", key: "k1")
            let b = try notice("N-b", key: "k2")
            let results = try await store.enqueue(contentsOf: [a, b, try notice("N-c", key: "k1")], at: t0)
            try c.expect(results.map(\.created) == [true, true, false], "created flags \(results.map(\.created))")
            try c.expect(
                results.map(\.notice.id) == [a.id, b.id, a.id], "the repeated key must return the first notice")
            let again = try await store.enqueue(contentsOf: [b], at: t0)
            try c.expect(again.count == 1 && !again[0].created, "re-enqueueing a stored batch creates nothing")
            try c.expect(try await store.enqueue(contentsOf: [], at: t0).isEmpty, "an empty batch returns nothing")
        }

        try await checker.check("concurrent enqueues with one key create one notice") { c in
            let store = try await makeStore()
            let notices = try (0..<20).map { try notice("N-\($0)", key: "same") }
            let created = await withTaskGroup(of: Bool.self) { group in
                for item in notices {
                    group.addTask { (try? await store.enqueue(item, at: t0))?.created ?? false }
                }
                var count = 0
                for await flag in group where flag { count += 1 }
                return count
            }
            try c.expect(created == 1, "\(created) enqueues reported created")
        }

        try await checker.check("claimDue leases each due delivery once, earliest first") { c in
            let store = try await makeStore()
            _ = try await store.enqueue(try notice("N-late", key: "late"), at: t0)
            _ = try await store.enqueue(try notice("N-early", key: "early"), at: t0.addingTimeInterval(-10))
            _ = try await store.enqueue(try notice("N-mid", key: "mid"), at: t0.addingTimeInterval(-5))
            _ = try await store.enqueue(
                try notice("N-future", key: "future"), at: t0.addingTimeInterval(3 * leaseDuration + 100))
            let first = try await store.claimDue(now: t0, limit: 2)
            try c.expect(
                first.map(\.noticeID.rawValue) == ["N-early", "N-mid"],
                "expected N-early, N-mid; got \(first.map(\.noticeID.rawValue))")
            try c.expect(
                first.allSatisfy { $0.leaseExpiresAt == t0.addingTimeInterval(leaseDuration) },
                "a claim must lease until now + leaseDuration")
            let second = try await store.claimDue(now: t0, limit: 10)
            try c.expect(second.map(\.noticeID.rawValue) == ["N-late"], "got \(second.map(\.noticeID.rawValue))")
            try c.expect(
                try await store.claimDue(now: t0, limit: 10).isEmpty, "leased deliveries must not be claimed again")
            let stored = try await store.delivery(NoticeID("N-early"))
            try c.expect(stored == first.first, "the stored delivery must equal the claimed one (lease and version)")
            let expired = try await store.claimDue(now: t0.addingTimeInterval(leaseDuration + 1), limit: 10)
            try c.expect(
                Set(expired.map(\.noticeID.rawValue)) == ["N-early", "N-mid", "N-late"],
                "deliveries whose lease expired must be claimable again; got \(expired.map(\.noticeID.rawValue))")
            try c.expect(try await store.claimDue(now: t0, limit: 0).isEmpty, "limit 0 claims nothing")
        }

        try await checker.check("concurrent claimants never get the same delivery") { c in
            let store = try await makeStore()
            _ = try await store.enqueue(
                contentsOf: try (0..<60).map { try notice("N-\($0)", key: "k-\($0)") }, at: t0)
            let claimed = try await withThrowingTaskGroup(of: [NoticeID].self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        var mine: [NoticeID] = []
                        while true {
                            let batch = try await store.claimDue(now: t0, limit: 7)
                            if batch.isEmpty { return mine }
                            mine += batch.map(\.noticeID)
                        }
                    }
                }
                var all: [NoticeID] = []
                for try await ids in group { all += ids }
                return all
            }
            try c.expect(claimed.count == 60, "\(claimed.count) claims for 60 deliveries")
            try c.expect(Set(claimed).count == 60, "a delivery was claimed twice")
        }

        try await checker.check("update is a compare-and-set on version") { c in
            let store = try await makeStore()
            let item = try notice("N-1", key: "k")
            _ = try await store.enqueue(item, at: t0)
            guard var delivery = try await store.claimDue(now: t0, limit: 1).first else {
                throw c.fail("the delivery was not claimed")
            }
            let stale = delivery
            try delivery.apply(.startSending, at: t0)
            let saved = try await store.update(delivery)
            try c.expect(saved.version == delivery.version + 1, "update must increase the version by one")
            try c.expect(await store.delivery(item.id) == saved, "the stored delivery must equal the returned one")
            try await c.expectError(NotificationError.conflict, "update from a stale version") {
                _ = try await store.update(stale)
            }
            let unknown = Delivery(notice: try notice("N-unknown", key: "u"))
            try await c.expectError(NotificationError.unknownDelivery, "update of an unknown delivery") {
                _ = try await store.update(unknown)
            }
        }

        try await checker.check("update reschedules: sending with a lease, sent never, retry at its time") { c in
            let store = try await makeStore()
            let item = try notice("N-1", key: "k")
            _ = try await store.enqueue(item, at: t0)
            guard var delivery = try await store.claimDue(now: t0, limit: 1).first else {
                throw c.fail("the delivery was not claimed")
            }
            try delivery.apply(.startSending, at: t0)
            delivery = try await store.update(delivery)
            try c.expect(
                try await store.deliveries(in: [.sending]).map(\.noticeID) == [item.id], "deliveries(in: sending)")
            try c.expect(
                try await store.nextDueDate() == t0.addingTimeInterval(leaseDuration),
                "a sending delivery is due again when its lease expires")
            try delivery.apply(.failTemporarily, at: t0)
            delivery.nextAttemptAt = t0.addingTimeInterval(60)
            delivery.leaseExpiresAt = nil
            delivery = try await store.update(delivery)
            try c.expect(try await store.nextDueDate() == t0.addingTimeInterval(60), "a retry is due at nextAttemptAt")
            try c.expect(try await store.claimDue(now: t0.addingTimeInterval(59), limit: 5).isEmpty, "not due before")
            guard var retried = try await store.claimDue(now: t0.addingTimeInterval(60), limit: 5).first else {
                throw c.fail("the retry was not claimed at its time")
            }
            try retried.apply(.startSending, at: t0.addingTimeInterval(60))
            try retried.apply(.accept, at: t0.addingTimeInterval(61))
            retried.leaseExpiresAt = nil
            _ = try await store.update(retried)
            try c.expect(try await store.nextDueDate() == nil, "nothing is due after the delivery was sent")
            try c.expect(
                try await store.claimDue(now: t0.addingTimeInterval(10 * leaseDuration), limit: 5).isEmpty,
                "a sent delivery is never claimed")
            try c.expect(try await store.deliveries(in: [.sent]).map(\.noticeID) == [item.id], "deliveries(in: sent)")
            try c.expect(try await store.deliveries(in: [.queued, .sending]).isEmpty, "no delivery left pending")
        }

        try await checker.check("evidence is appended only when it links to the chain") { c in
            let store = try await makeStore()
            let item = try notice("N-1", key: "k", category: .legallyEffective)
            try await c.expectError(NotificationError.unknownNotice, "evidence for an unknown notice") {
                try await store.appendEvidence(evidence(for: item, sequence: 0, previous: nil))
            }
            _ = try await store.enqueue(item, at: t0)
            let first = evidence(for: item, sequence: 0, previous: nil)
            try await store.appendEvidence(first)
            try await c.expectError(NotificationError.evidenceChainConflict, "a second record at sequence 0") {
                try await store.appendEvidence(evidence(for: item, sequence: 0, previous: nil, salt: "other"))
            }
            try await c.expectError(NotificationError.evidenceChainConflict, "a record with a wrong link") {
                try await store.appendEvidence(evidence(for: item, sequence: 1, previous: nil))
            }
            let second = evidence(for: item, sequence: 1, previous: first)
            try await store.appendEvidence(second)
            try c.expect(await store.evidence(for: item.id) == [first, second], "the chain must round-trip in order")
            try c.expect(await store.evidence(for: NoticeID("N-none")).isEmpty, "no evidence for an unknown notice")
        }
    }

    /// A valid informational (or `category`) notice with two channels, for store tests.
    public static func notice(_ id: String, key: String, category: NoticeCategory = .informational) throws -> Notice {
        try Notice(
            id: NoticeID(id), idempotencyKey: key, recipientAccountID: "acct-conformance", department: "DEPT",
            category: category, reference: "REF/A", templateID: "template", templateVersion: 1,
            preferredLocale: "pt-MO", channels: [.inbox, .sms],
            createdAt: TestPKI.referenceDate.addingTimeInterval(-60),
            expiresAt: TestPKI.referenceDate.addingTimeInterval(86_400.5))
    }

    /// An evidence record with a stand-in signature (stores do not verify signatures).
    static func evidence(for notice: Notice, sequence: Int, previous: EvidenceRecord?, salt: String = "")
        -> EvidenceRecord
    {
        let body = EvidenceRecord.Body(
            sequence: sequence, eventType: EvidenceEventType.submissionAcceptance.rawValue,
            timeMilliseconds: 1_767_225_600_000 + Int64(sequence), issuer: notice.department, sender: notice.department,
            recipient: notice.recipientAccountID, messageID: notice.id.rawValue,
            contentDigest: String(repeating: "ab", count: 32), channel: sequence == 0 ? nil : .inbox,
            deliveryID: sequence == 0 ? nil : notice.id.rawValue + "#inbox",
            previousHash: previous?.hash ?? EvidenceChain.genesisHash)
        return EvidenceRecord(body: body, jws: "conformance.\(notice.id.rawValue).\(sequence)\(salt)")
    }
}
