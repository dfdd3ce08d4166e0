import EGovInterop
import EGovTesting
import Foundation
import Testing

@Suite("Replay cache")
struct ReplayCacheTests {
    @Test("a message ID is accepted once per sender within its lifetime")
    func once() async throws {
        let clock = ManualClock()
        let cache = InMemoryReplayCache(window: ReplayWindow(maximumAge: 300, clockSkew: 30), clock: clock)
        let now = clock.now()
        #expect(try await cache.admit(messageID: "m1", sender: "A", issuedAt: now) == .accepted)
        #expect(try await cache.admit(messageID: "m1", sender: "A", issuedAt: now) == .replayed)
        #expect(try await cache.admit(messageID: "m1", sender: "B", issuedAt: now) == .accepted)
        clock.advance(by: 200)
        #expect(try await cache.admit(messageID: "m1", sender: "A", issuedAt: now) == .replayed)
    }

    @Test("clock skew: slightly future accepted, further refused; too old refused")
    func skew() async throws {
        let clock = ManualClock()
        let cache = InMemoryReplayCache(window: ReplayWindow(maximumAge: 300, clockSkew: 30), clock: clock)
        let now = clock.now()
        #expect(try await cache.admit(messageID: "f1", sender: "A", issuedAt: now + 30) == .accepted)
        #expect(try await cache.admit(messageID: "f2", sender: "A", issuedAt: now + 31) == .tooFarInFuture)
        #expect(try await cache.admit(messageID: "o1", sender: "A", issuedAt: now - 330) == .accepted)
        #expect(try await cache.admit(messageID: "o2", sender: "A", issuedAt: now - 331) == .tooOld)
    }

    @Test("TTL: an ID is forgotten only when its message would be too old anyway")
    func ttl() async throws {
        let clock = ManualClock()
        let cache = InMemoryReplayCache(window: ReplayWindow(maximumAge: 60, clockSkew: 10), clock: clock, capacity: 2)
        let start = clock.now()
        #expect(try await cache.admit(messageID: "a", sender: "S", issuedAt: start) == .accepted)
        #expect(try await cache.admit(messageID: "b", sender: "S", issuedAt: start) == .accepted)
        // Full of live entries: refuse rather than forget.
        #expect(try await cache.admit(messageID: "c", sender: "S", issuedAt: start) == .capacityExceeded)
        clock.advance(by: 71)
        // "a" expired: replaying it now fails on age, not on memory.
        #expect(try await cache.admit(messageID: "a", sender: "S", issuedAt: start) == .tooOld)
        #expect(try await cache.admit(messageID: "c", sender: "S", issuedAt: clock.now()) == .accepted)
        #expect(await cache.count == 1)
    }

    @Test("concurrent admissions of one ID: exactly one is accepted")
    func concurrent() async throws {
        let clock = ManualClock()
        let cache = InMemoryReplayCache(clock: clock)
        let now = clock.now()
        let verdicts = try await withThrowingTaskGroup(of: ReplayVerdict.self) { group in
            for _ in 0..<50 { group.addTask { try await cache.admit(messageID: "x", sender: "S", issuedAt: now) } }
            return try await group.reduce(into: [ReplayVerdict]()) { $0.append($1) }
        }
        #expect(verdicts.filter { $0 == .accepted }.count == 1)
    }

    @Test("rate limiter: fixed windows per key")
    func rateLimiter() async {
        let limiter = RateLimiter()
        let limit = RateLimit(maximumRequests: 2, periodSeconds: 60)
        let start = TestPKI.referenceDate
        #expect(await limiter.admit(key: "k", limit: limit, now: start))
        #expect(await limiter.admit(key: "k", limit: limit, now: start + 1))
        #expect(await !limiter.admit(key: "k", limit: limit, now: start + 2))
        #expect(await limiter.admit(key: "other", limit: limit, now: start + 2))
        #expect(await limiter.admit(key: "k", limit: limit, now: start + 60))
    }
}
