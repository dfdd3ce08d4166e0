import EGovCore
import Foundation

/// The rules every `AuditLog` must follow, as executable checks: gap-free sequences linked by
/// hash, times from the injected clock (to the millisecond), exact round-trips of events (details
/// and correlation id included), paging, range errors, serialised concurrent appends, and a
/// verifiable chain.
///
/// `makeLog` must return an empty log that takes its time from the given clock and hashes with
/// `hashFunction`; it is called once per check.
public enum AuditLogConformance {
    /// Makes an empty log using `clock`.
    public typealias Factory = @Sendable (_ clock: ManualClock) async throws -> any AuditLog

    /// Runs every check.
    ///
    /// - Throws: the first ``StoreConformanceFailure``.
    public static func run(hashFunction: any HashFunction, makeLog: Factory) async throws(StoreConformanceFailure) {
        let checker = ConformanceChecker(suite: "AuditLog")

        try await checker.check("an empty log is valid") { c in
            let log = try await makeLog(ManualClock())
            try c.expect(try await log.count == 0, "count of an empty log")
            try c.expect(try await log.verify().isValid, "an empty log must verify")
            try c.expect(try await log.entries(from: 0, limit: 10).isEmpty, "no entries")
        }

        try await checker.check("appends are chained, timed by the clock, and round-trip") { c in
            let clock = ManualClock(TestPKI.referenceDate.addingTimeInterval(0.25))
            let log = try await makeLog(clock)
            var appended: [AuditEntry] = []
            for index in 0..<3 {
                let event = AuditEvent(
                    actor: "svc-\(index)", action: "conformance.step", subject: "subject-\(index)",
                    details: index == 1 ? ["b": "2", "a": "1 ü"] : nil, correlationID: index == 2 ? "corr-1" : nil)
                let entry = try await log.append(event)
                try c.expect(entry.sequence == index, "sequence \(entry.sequence) at position \(index)")
                try c.expect(entry.event == event, "the entry must carry the event")
                try c.expect(entry.time == AuditEntry.sealedTime(clock.now()), "the entry time must be the clock's")
                try c.expect(
                    entry.previousHash == (appended.last?.hash ?? AuditChain.genesisHash(for: hashFunction)),
                    "entry \(index) must link to the previous hash")
                appended.append(entry)
                clock.advance(by: 1.5)
            }
            try c.expect(try await log.count == 3, "count after three appends")
            try c.expect(
                try await log.entries(from: 0, limit: 10) == appended, "stored entries must equal appended ones")
            try c.expect(try await log.entries(from: 1, limit: 1) == [appended[1]], "paging from 1, limit 1")
            try c.expect(try await log.entries(from: 3, limit: 5).isEmpty, "paging past the end")
            let verification = try await log.verify()
            try c.expect(verification.isValid, "the chain must verify: \(verification)")
            try c.expect(verification.head == appended.last?.hash, "the head must be the last hash")
            try c.expect(
                AuditChain.verify(appended, hashFunction: hashFunction).isValid, "exported entries must verify offline")
        }

        try await checker.check("a negative range is refused") { c in
            let log = try await makeLog(ManualClock())
            try await c.expectError(AuditLogError.invalidRange, "entries(from: -1)") {
                _ = try await log.entries(from: -1, limit: 1)
            }
            try await c.expectError(AuditLogError.invalidRange, "entries(limit: -1)") {
                _ = try await log.entries(from: 0, limit: -1)
            }
        }

        try await checker.check("concurrent appends keep the chain gap-free") { c in
            let log = try await makeLog(ManualClock())
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<24 {
                    group.addTask {
                        _ = try await log.append(
                            AuditEvent(actor: "a", action: "conformance.concurrent", subject: "\(index)"))
                    }
                }
                try await group.waitForAll()
            }
            let entries = try await log.entries(from: 0, limit: 100)
            try c.expect(entries.map(\.sequence) == Array(0..<24), "sequences must be 0..<24")
            try c.expect(Set(entries.map(\.event.subject)).count == 24, "every event must be stored once")
            try c.expect(try await log.verify().isValid, "the chain must verify")
        }
    }
}

extension AuditEntry {
    /// `date` as an entry records it (whole milliseconds).
    static func sealedTime(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
