import EGovCore
import EGovNotifications
import EGovTesting
import Foundation
import Testing

@Suite struct NotificationRetryPolicyTests {
    @Test func backoffCapDoublesUpToTheMaximum() {
        let policy = RetryPolicy(baseDelay: 10, maximumDelay: 100, maximumAttempts: 10, maximumAge: 10_000)
        #expect((1...6).map { policy.backoffCap(afterAttempt: $0) } == [10, 20, 40, 80, 100, 100])
    }

    @Test func fullJitterStaysWithinTheCapAndIsReproducible() {
        let policy = RetryPolicy(baseDelay: 10, maximumDelay: 1_000, maximumAttempts: 10, maximumAge: 10_000)
        var first = SeededRandomNumberGenerator(seed: 42)
        var second = SeededRandomNumberGenerator(seed: 42)
        for attempt in 1...8 {
            let delay = policy.delay(afterAttempt: attempt, using: &first)
            #expect(delay >= 0 && delay <= policy.backoffCap(afterAttempt: attempt))
            #expect(delay == policy.delay(afterAttempt: attempt, using: &second))
        }
    }

    @Test func retriesAreScheduledWithJitteredBackoffThenExhausted() throws {
        let clock = ManualClock()
        let policy = RetryPolicy(baseDelay: 10, maximumDelay: 1_000, maximumAttempts: 3, maximumAge: 10_000)
        var random = SeededRandomNumberGenerator(seed: 7)
        var expected = SeededRandomNumberGenerator(seed: 7)
        var delivery = Delivery(notice: try NotificationFixtures.notice(channels: [.email, .letter]))
        try delivery.apply(.enqueue, at: clock.now())
        for attempt in 1...2 {
            try delivery.apply(.startSending, at: clock.now())
            #expect(try delivery.recordTemporaryFailure(at: clock.now(), policy: policy, random: &random))
            let delay = policy.delay(afterAttempt: attempt, using: &expected)
            #expect(delivery.nextAttemptAt == clock.now().addingTimeInterval(delay))
            #expect(delivery.state == .temporaryFailure)
            clock.advance(by: delay)
        }
        try delivery.apply(.startSending, at: clock.now())
        #expect(try !delivery.recordTemporaryFailure(at: clock.now(), policy: policy, random: &random))
        #expect(delivery.state == .queued)
        #expect(delivery.channel == .letter)
        #expect(delivery.permanentlyFailedChannels == [.email])
    }

    @Test func maximumAgeEndsRetriesEarly() throws {
        let clock = ManualClock()
        let policy = RetryPolicy(baseDelay: 1_000, maximumDelay: 1_000, maximumAttempts: 100, maximumAge: 1)
        var random = SeededRandomNumberGenerator(seed: 1)
        var delivery = Delivery(notice: try NotificationFixtures.notice(channels: [.sms]))
        try delivery.apply(.enqueue, at: clock.now())
        try delivery.apply(.startSending, at: clock.now())
        clock.advance(by: 5)
        #expect(try !delivery.recordTemporaryFailure(at: clock.now(), policy: policy, random: &random))
        #expect(delivery.state == .failed)
    }
}
