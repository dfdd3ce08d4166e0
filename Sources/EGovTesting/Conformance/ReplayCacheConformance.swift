import EGovCore
import Foundation

/// The rules every `ReplayCache` must follow, as executable checks: one acceptance per sender and
/// message ID while the ID lives, inclusive window bounds from the injected clock, forgetting an ID
/// exactly at `ReplayWindow/expiry(of:)`, refusing (not forgetting) when full, and exactly one
/// acceptance among concurrent admissions of one ID.
///
/// `makeCache` must return an empty cache with the given window, taking its time from the given
/// clock, holding at most `capacity` live entries when `capacity` is not `nil` (and the
/// implementation's default otherwise); it is called once per check.
public enum ReplayCacheConformance {
    /// Makes an empty cache.
    public typealias Factory =
        @Sendable (_ window: ReplayWindow, _ clock: ManualClock, _ capacity: Int?) async throws -> any ReplayCache

    /// Runs every check.
    ///
    /// - Parameters:
    ///   - concurrency: how many tasks admit one ID at once in the concurrency check.
    ///   - makeCache: makes an empty cache for each check.
    /// - Throws: the first ``StoreConformanceFailure``.
    public static func run(concurrency: Int = 50, makeCache: Factory) async throws(StoreConformanceFailure) {
        let checker = ConformanceChecker(suite: "ReplayCache")
        let window = ReplayWindow(maximumAge: 300, clockSkew: 30)

        try await checker.check("the cache reports its window") { c in
            let cache = try await makeCache(window, ManualClock(), nil)
            try c.expect(cache.window == window, "window \(cache.window), expected \(window)")
        }

        try await checker.check("an ID is accepted once per sender while it lives") { c in
            let clock = ManualClock()
            let cache = try await makeCache(window, clock, nil)
            let now = clock.now()
            try await expect(c, cache, "m1", "A", now, .accepted, "first admission")
            try await expect(c, cache, "m1", "A", now, .replayed, "same sender and ID")
            try await expect(c, cache, "m1", "B", now, .accepted, "same ID, other sender")
            try await expect(c, cache, "m2", "A", now, .accepted, "other ID, same sender")
            clock.advance(by: 200)
            try await expect(c, cache, "m1", "A", now, .replayed, "same sender and ID 200 s later")
            try await expect(c, cache, "m1", "A", clock.now(), .replayed, "re-dated replay 200 s later")
        }

        try await checker.check("window bounds are inclusive and use the injected clock") { c in
            let clock = ManualClock(TestPKI.referenceDate.addingTimeInterval(0.5))
            let cache = try await makeCache(window, clock, nil)
            let now = clock.now()
            try await expect(c, cache, "f1", "A", now + 30, .accepted, "30 s ahead (the skew)")
            try await expect(c, cache, "f2", "A", now + 30.001, .tooFarInFuture, "30.001 s ahead")
            try await expect(c, cache, "o1", "A", now - 330, .accepted, "330 s old (age + skew)")
            try await expect(c, cache, "o2", "A", now - 330.001, .tooOld, "330.001 s old")
            try await expect(c, cache, "f2", "A", now, .accepted, "a refused time records nothing")
        }

        try await checker.check("an ID is forgotten exactly after its expiry") { c in
            let clock = ManualClock()
            let cache = try await makeCache(window, clock, nil)
            let start = clock.now()
            try await expect(c, cache, "r", "S", start, .accepted, "first admission")
            clock.set(window.expiry(of: start))
            try await expect(c, cache, "r", "S", clock.now(), .replayed, "at the expiry instant")
            clock.advance(by: 0.001)
            try await expect(c, cache, "r", "S", start, .tooOld, "the original message after expiry")
            try await expect(c, cache, "r", "S", clock.now(), .accepted, "a new message reusing the ID after expiry")
            try await expect(c, cache, "r", "S", clock.now(), .replayed, "and that one is recorded")
        }

        try await checker.check("a full cache refuses new IDs rather than forgetting live ones") { c in
            let clock = ManualClock()
            let small = ReplayWindow(maximumAge: 60, clockSkew: 10)
            let cache = try await makeCache(small, clock, 2)
            let start = clock.now()
            try await expect(c, cache, "a", "S", start, .accepted, "first of two")
            try await expect(c, cache, "b", "S", start, .accepted, "second of two")
            try await expect(c, cache, "c", "S", start, .capacityExceeded, "third while full")
            try await expect(c, cache, "a", "S", start, .replayed, "a live ID while full")
            clock.advance(by: 71)
            try await expect(c, cache, "a", "S", start, .tooOld, "an expired message")
            try await expect(c, cache, "c", "S", clock.now(), .accepted, "a new ID once the old ones expired")
            try await expect(c, cache, "c", "S", clock.now(), .replayed, "and it is recorded")
        }

        try await checker.check("concurrent admissions of one ID: exactly one is accepted") { c in
            let clock = ManualClock()
            let cache = try await makeCache(window, clock, nil)
            let now = clock.now()
            let verdicts = try await withThrowingTaskGroup(of: ReplayVerdict.self) { group in
                for _ in 0..<max(2, concurrency) {
                    group.addTask { try await cache.admit(messageID: "x", sender: "S", issuedAt: now) }
                }
                return try await group.reduce(into: [ReplayVerdict]()) { $0.append($1) }
            }
            let accepted = verdicts.filter { $0 == .accepted }.count
            let replayed = verdicts.filter { $0 == .replayed }.count
            try c.expect(accepted == 1, "\(accepted) of \(verdicts.count) concurrent admissions accepted")
            try c.expect(replayed == verdicts.count - 1, "the others must be replayed: \(verdicts)")
        }

        try await checker.check("concurrent admissions of distinct IDs are all accepted") { c in
            let clock = ManualClock()
            let cache = try await makeCache(window, clock, nil)
            let now = clock.now()
            let verdicts = try await withThrowingTaskGroup(of: ReplayVerdict.self) { group in
                for index in 0..<max(2, concurrency) {
                    group.addTask { try await cache.admit(messageID: "id-\(index)", sender: "S", issuedAt: now) }
                }
                return try await group.reduce(into: [ReplayVerdict]()) { $0.append($1) }
            }
            try c.expect(verdicts.allSatisfy { $0 == .accepted }, "distinct IDs: \(verdicts)")
        }
    }

    private static func expect(
        _ c: CheckContext, _ cache: any ReplayCache, _ id: String, _ sender: String, _ issuedAt: Date,
        _ expected: ReplayVerdict, _ what: String
    ) async throws {
        let verdict = try await cache.admit(messageID: id, sender: sender, issuedAt: issuedAt)
        try c.expect(verdict == expected, "\(what): expected \(expected), got \(verdict)")
    }
}
