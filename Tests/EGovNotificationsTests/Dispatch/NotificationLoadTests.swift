import EGovCore
import EGovCrypto
import EGovNotifications
import EGovTesting
import Foundation
import Testing

@Suite struct NotificationLoadTests {
    static let channelSets: [[NotificationChannel]] = [
        [.inbox, .email], [.email, .sms, .letter], [.push, .inbox], [.sms], [.inbox], [.email, .letter],
    ]

    @Test(.timeLimit(.minutes(3)))
    func hundredThousandNoticesAllReachAnEndStateWithoutDuplicates() async throws {
        let count = ProcessInfo.processInfo.environment["EGOV_NOTIFICATION_LOAD_COUNT"].flatMap { Int($0) } ?? 100_000
        let clock = ManualClock()
        let store = InMemoryNotificationStore()
        let privateKey = try PrivateKey.generate(.ed25519)
        let verification = try SoftwareVerificationKey(publicKey: privateKey.publicKey, algorithm: .edDSA)
        let recorder = EvidenceRecorder(
            store: store, key: try SoftwareSigningKey(privateKey: privateKey, algorithm: .edDSA))
        let transports = NotificationChannel.allCases.map { FlakyTransport(channel: $0, seed: 2_026) }
        let configuration = DispatcherConfiguration(
            maximumConcurrentSends: 64, batchSize: 4_000,
            rateLimits: [.sms: TokenBucket(capacity: 2_000, ratePerSecond: 2_000)],
            retryPolicy: RetryPolicy(baseDelay: 30, maximumDelay: 3_600, maximumAttempts: 5, maximumAge: 86_400),
            deemedServiceRule: DeemedServiceRule(jurisdiction: "HK", days: 7, anchor: .delivered))
        let dispatcher = NotificationDispatcher(
            store: store, transports: transports, clock: clock, configuration: configuration,
            random: SeededRandomNumberGenerator(seed: 11), evidence: recorder,
            renderer: NotificationTestRenderer.render)
        let receipts = ReceiptProcessor(
            store: store, keys: NotificationReceiptTestSupport.keys, clock: clock,
            retryPolicy: configuration.retryPolicy, random: SeededRandomNumberGenerator(seed: 12),
            evidence: recorder)

        for index in 0..<count {
            let notice = try NotificationFixtures.notice(
                id: "L\(index)", category: index % 10 == 0 ? .legallyEffective : .informational,
                channels: Self.channelSets[index % Self.channelSets.count],
                urgency: index % 7 == 0 ? .urgent : .normal, createdAt: clock.now())
            #expect(try await dispatcher.submit(notice).created)
        }

        var rounds = 0
        var receiptCount = 0
        while rounds < 10_000 {
            rounds += 1
            let report = try await dispatcher.runOnce()
            var processed = 0
            for transport in transports {
                for deliveryID in transport.drainReceipts() {
                    receiptCount += 1
                    processed += 1
                    let body = try NotificationReceiptTestSupport.body("rc-\(deliveryID)", deliveryID, .delivered)
                    let tag = try NotificationReceiptTestSupport.tag(body, transport.channel)
                    let outcome = try await receipts.process(
                        body: body, authenticationCode: tag, from: transport.channel)
                    #expect(outcome == .applied(.delivered))
                }
            }
            if report.claimed == 0 && processed == 0 {
                guard let next = await store.nextDueDate() else { break }
                // Jump to the next due time, at least one second on, so that a rate-limited
                // backlog (spread over sub-second reservations) moves in batches.
                clock.set(max(next, clock.now().addingTimeInterval(1)))
            }
        }
        clock.advance(by: 7 * 86_400)
        let deemed = try await dispatcher.applyDeemedService()

        // Every notice is accounted for and in an end state.
        #expect(await store.noticeCount == count)
        let all = await store.deliveries(in: Set(DeliveryState.allCases))
        #expect(all.count == count)
        var tally: [DeliveryState: Int] = [:]
        for delivery in all {
            tally[delivery.state, default: 0] += 1
            switch delivery.state {
            case .delivered: #expect(delivery.category == .informational)
            case .deemedServed: #expect(delivery.category == .legallyEffective)
            case .failed: #expect(delivery.permanentlyFailedChannels == delivery.channels)
            default: Issue.record("notice \(delivery.noticeID) ended in \(delivery.state)")
            }
        }
        #expect(deemed == tally[.deemedServed, default: 0])
        #expect(tally[.failed, default: 0] > 0)

        // No transport saw the same delivery id as a new delivery twice.
        var calls = 0
        for transport in transports {
            let snapshot = transport.snapshot
            calls += snapshot.calls
            #expect(snapshot.violations.isEmpty, "\(transport.channel): \(snapshot.violations.prefix(3))")
        }
        #expect(receiptCount == tally[.delivered, default: 0] + tally[.deemedServed, default: 0])

        // Evidence chains of a sample of legally effective notices verify offline.
        for index in stride(from: 0, to: count, by: 1_000) {
            let chain = await store.evidence(for: NoticeID("L\(index)"))
            #expect(chain.count >= 2)
            #expect(EvidenceChain.verify(chain, key: verification).valid)
        }
        #expect(tally.values.reduce(0, +) == count)
    }
}
