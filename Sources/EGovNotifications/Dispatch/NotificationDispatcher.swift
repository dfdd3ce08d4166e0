import EGovCore
import Foundation

/// Sends due deliveries through their channels' transports.
///
/// Each ``runOnce()`` claims a batch from the store, expires what has expired, postpones
/// non-urgent notices during quiet hours and deliveries over their channel's rate limit, and
/// sends the rest with at most ``DispatcherConfiguration/maximumConcurrentSends`` transport calls
/// in flight. Temporary failures are retried with ``RetryPolicy``; permanent failures fall back to
/// the next channel. For legally effective notices, evidence is recorded. Time comes from the
/// injected clock and jitter from the injected random source.
public actor NotificationDispatcher {
    /// Renders a notice for a channel.
    public typealias Renderer = @Sendable (Notice, NotificationChannel) async throws -> RenderedPayload

    private let store: any NotificationStore
    private let transports: [NotificationChannel: any NotificationTransport]
    private let clock: any WallClock
    private let configuration: DispatcherConfiguration
    private let renderer: Renderer
    private let evidence: EvidenceRecorder?
    private let metrics: NotificationMetrics
    private var random: RandomSource
    private var buckets: [NotificationChannel: TokenBucket]
    /// Rate-limit tokens already reserved for postponed deliveries, and when they are due.
    private var reservations: [NoticeID: Date] = [:]

    /// Creates a dispatcher.
    ///
    /// - Parameters:
    ///   - store: the outbox.
    ///   - transports: one transport per channel (a later one for the same channel wins).
    ///   - clock: the source of "now".
    ///   - configuration: pacing, retries and deemed service.
    ///   - random: the random source for backoff jitter.
    ///   - evidence: the evidence recorder for legally effective notices, or `nil` to keep none.
    ///   - metrics: the counters.
    ///   - renderer: renders a notice for a channel.
    public init(
        store: any NotificationStore, transports: [any NotificationTransport], clock: any WallClock,
        configuration: DispatcherConfiguration = DispatcherConfiguration(),
        random: any RandomNumberGenerator & Sendable, evidence: EvidenceRecorder? = nil,
        metrics: NotificationMetrics = NotificationMetrics(), renderer: @escaping Renderer
    ) {
        self.store = store
        var table: [NotificationChannel: any NotificationTransport] = [:]
        for transport in transports { table[transport.channel] = transport }
        self.transports = table
        self.clock = clock
        self.configuration = configuration
        self.random = RandomSource(random)
        self.evidence = evidence
        self.metrics = metrics
        self.renderer = renderer
        self.buckets = configuration.rateLimits
    }

    /// Stores a notice (idempotently on its key) and records submission evidence when it is new
    /// and legally effective.
    public func submit(_ notice: Notice) async throws(NotificationError) -> (notice: Notice, created: Bool) {
        let now = clock.now()
        let result = try await store.enqueue(notice, at: now)
        if result.created {
            try await evidence?.record(
                .submissionAcceptance, notice: result.notice, channel: nil,
                contentDigest: EvidenceRecorder.digest(of: result.notice), at: now)
        }
        return result
    }

    /// Cancels a notice that has not been sent yet.
    ///
    /// - Throws: ``NotificationError/unknownNotice``, ``NotificationError/illegalTransition(from:event:)``
    ///   once sending has started, ``NotificationError/conflict``, or ``NotificationError/store(_:)``
    ///   when the store cannot be read.
    public func cancel(_ id: NoticeID) async throws(NotificationError) {
        let stored: Delivery?
        do { stored = try await store.delivery(id) } catch { throw .store(error) }
        guard var delivery = stored else { throw .unknownNotice }
        try delivery.apply(.cancel, at: clock.now())
        delivery.leaseExpiresAt = nil
        _ = try await store.update(delivery)
    }

    /// Claims one batch of due deliveries and processes it.
    ///
    /// - Throws: the store's `StoreError` when the due deliveries or their notices cannot be read (a
    ///   damaged or unreachable database is reported, never taken for an empty queue).
    public func runOnce() async throws(StoreError) -> DispatchReport {
        let now = clock.now()
        var report = DispatchReport()
        let claimed = try await store.claimDue(now: now, limit: configuration.batchSize)
        report.claimed = claimed.count
        var jobs: [(Delivery, Notice)] = []
        var readFailure: StoreError?
        for var delivery in claimed {
            let stored: Notice?
            do {
                stored = try await store.notice(delivery.noticeID)
            } catch {
                // The jobs prepared so far are still sent; the rest stay leased and are claimed
                // again when their lease expires.
                readFailure = error
                break
            }
            guard let notice = stored else { continue }
            do {
                // A delivery still `sending` was claimed by a dispatcher that disappeared: its
                // attempt's outcome is unknown, so count it as a temporary failure and retry now
                // with the same transport delivery id (the transport deduplicates).
                if delivery.state == .sending { try delivery.apply(.failTemporarily, at: now) }
                if notice.isExpired(at: now) {
                    try delivery.apply(.expire, at: now)
                    report.expired += 1
                    try await save(&delivery)
                    continue
                }
                if let later = postponement(for: notice, channel: delivery.channel, at: now) {
                    delivery.nextAttemptAt = later
                    report.deferred += 1
                    try await save(&delivery)
                    continue
                }
                try delivery.apply(.startSending, at: now)
                delivery = try await store.update(delivery)
                jobs.append((delivery, notice))
            } catch {
                report.conflicts += 1
            }
        }
        await send(jobs, report: &report)
        if let readFailure { throw readFailure }
        return report
    }

    /// Moves legally effective deliveries whose deemed-service deadline has passed to
    /// ``DeliveryState/deemedServed``; returns how many.
    ///
    /// - Throws: the store's `StoreError` when the deliveries or their notices cannot be read.
    public func applyDeemedService() async throws(StoreError) -> Int {
        guard let rule = configuration.deemedServiceRule else { return 0 }
        let now = clock.now()
        var count = 0
        for var delivery in try await store.deliveries(in: [.sent, .delivered]) {
            guard let deadline = rule.deadline(for: delivery), deadline <= now,
                let notice = try await store.notice(delivery.noticeID)
            else { continue }
            do {
                try delivery.apply(.deemService, at: now)
                _ = try await store.update(delivery)
                try await evidence?.record(
                    .deemedService, notice: notice, channel: delivery.channel,
                    contentDigest: delivery.contentDigest ?? EvidenceRecorder.digest(of: notice), at: now)
                count += 1
            } catch {
                continue
            }
        }
        return count
    }

    /// When a delivery must wait (quiet hours or rate limit), the time to try again; else `nil`.
    ///
    /// A delivery over its channel's rate limit reserves a future token and is postponed until
    /// it is due, so that a backlog is spread over time instead of competing for each token; when
    /// it comes back it uses its reservation.
    private func postponement(for notice: Notice, channel: NotificationChannel, at now: Date) -> Date? {
        if notice.urgency != .urgent, let quiet = configuration.quietHours, quiet.channels.contains(channel),
            quiet.isQuiet(at: now)
        {
            return quiet.end(after: now)
        }
        if let reserved = reservations.removeValue(forKey: notice.id), reserved <= now { return nil }
        if var bucket = buckets[channel] {
            let due = bucket.reserve(at: now)
            buckets[channel] = bucket
            if due > now {
                reservations[notice.id] = due
                return due
            }
        }
        return nil
    }

    private func save(_ delivery: inout Delivery) async throws(NotificationError) {
        delivery.leaseExpiresAt = nil
        delivery = try await store.update(delivery)
    }

    private enum Outcome: Sendable {
        case result(TransportResult, digest: String)
        case noTransport
        case renderingFailed
    }

    private func send(_ jobs: [(Delivery, Notice)], report: inout DispatchReport) async {
        let limit = configuration.maximumConcurrentSends
        let transports = self.transports
        let renderer = self.renderer
        await withTaskGroup(of: (Delivery, Notice, Outcome).self) { group in
            var inFlight = 0
            for (delivery, notice) in jobs {
                if inFlight >= limit, let finished = await group.next() {
                    inFlight -= 1
                    await finish(finished, report: &report)
                }
                inFlight += 1
                report.attempted += 1
                group.addTask {
                    guard let transport = transports[delivery.channel] else { return (delivery, notice, .noTransport) }
                    let payload: RenderedPayload
                    do { payload = try await renderer(notice, delivery.channel) } catch {
                        return (delivery, notice, .renderingFailed)
                    }
                    let result: TransportResult
                    do {
                        result = try await transport.send(
                            deliveryID: delivery.transportDeliveryID, notice: notice, payload: payload,
                            attempt: delivery.attempt)
                    } catch {
                        result = .temporaryFailure
                    }
                    return (delivery, notice, .result(result, digest: payload.sha256))
                }
            }
            while let finished = await group.next() { await finish(finished, report: &report) }
        }
    }

    private func finish(_ finished: (Delivery, Notice, Outcome), report: inout DispatchReport) async {
        var (delivery, notice, outcome) = finished
        let now = clock.now()
        let channel = delivery.channel
        var evidenceEvent: (EvidenceEventType, String)?
        do {
            switch outcome {
            case .result(.accepted, let digest):
                try delivery.apply(.accept, at: now)
                delivery.contentDigest = digest
                metrics.sent(channel)
                report.accepted += 1
                evidenceEvent = (.contentConsignment, digest)
            case .result(.temporaryFailure, let digest):
                if try delivery.recordTemporaryFailure(at: now, policy: configuration.retryPolicy, random: &random) {
                    metrics.retried(channel)
                    report.retried += 1
                } else {
                    metrics.failed(channel)
                    report.channelFailures += 1
                    evidenceEvent = (.contentHandoverFailure, digest)
                }
            case .result(.permanentFailure, let digest):
                try delivery.recordPermanentFailure(at: now)
                metrics.failed(channel)
                report.channelFailures += 1
                evidenceEvent = (.contentHandoverFailure, digest)
            case .noTransport, .renderingFailed:
                try delivery.recordPermanentFailure(at: now)
                metrics.failed(channel)
                report.channelFailures += 1
                evidenceEvent = (.contentHandoverFailure, EvidenceRecorder.digest(of: notice))
            }
            if delivery.state == .failed { report.failed += 1 }
            try await save(&delivery)
            if let (type, digest) = evidenceEvent {
                try await evidence?.record(type, notice: notice, channel: channel, contentDigest: digest, at: now)
            }
        } catch {
            report.conflicts += 1
        }
    }
}
