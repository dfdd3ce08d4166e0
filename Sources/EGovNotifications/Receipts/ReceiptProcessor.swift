import EGovCore
import EGovCrypto
import Foundation

/// Ingests transport callbacks (receipts) and drives the delivery state machine.
///
/// Each receipt body is authenticated with HMAC-SHA-256 over its exact bytes, with a key per
/// transport (channel), compared in constant time, before it is parsed. A transport can only
/// report on its own channel's deliveries. Processing is idempotent: a repeated receipt ID, or a
/// receipt whose effect is already reached, is a ``ReceiptOutcome/duplicate``.
public actor ReceiptProcessor {
    private let store: any NotificationStore
    private let keys: [NotificationChannel: [UInt8]]
    private let clock: any WallClock
    private let retryPolicy: RetryPolicy
    private let evidence: EvidenceRecorder?
    private let metrics: NotificationMetrics
    private var random: RandomSource
    private var seen: Set<String> = []

    /// Creates a processor.
    ///
    /// - Parameters:
    ///   - store: the outbox.
    ///   - keys: the HMAC key of each channel's transport.
    ///   - clock: the source of "now".
    ///   - retryPolicy: retries after temporary failures reported by receipts.
    ///   - random: the random source for backoff jitter.
    ///   - evidence: the evidence recorder, or `nil`.
    ///   - metrics: the counters.
    public init(
        store: any NotificationStore, keys: [NotificationChannel: [UInt8]], clock: any WallClock,
        retryPolicy: RetryPolicy = RetryPolicy(), random: any RandomNumberGenerator & Sendable,
        evidence: EvidenceRecorder? = nil, metrics: NotificationMetrics = NotificationMetrics()
    ) {
        self.store = store
        self.keys = keys
        self.clock = clock
        self.retryPolicy = retryPolicy
        self.random = RandomSource(random)
        self.evidence = evidence
        self.metrics = metrics
    }

    /// The HMAC-SHA-256 of `body` under `key`: what a transport sends along with a receipt.
    public static func authenticationCode(for body: [UInt8], key: [UInt8]) throws(NotificationError) -> [UInt8] {
        do { return try HMACSHA256.authenticationCode(for: body, key: key) } catch {
            throw .receiptAuthenticationFailed
        }
    }

    /// Authenticates, parses and applies one receipt from `channel`'s transport.
    ///
    /// - Parameters:
    ///   - body: the exact bytes received.
    ///   - authenticationCode: the HMAC-SHA-256 tag received with them.
    ///   - channel: the transport the receipt came from.
    /// - Throws: ``NotificationError/unknownTransport``, ``NotificationError/receiptAuthenticationFailed``,
    ///   ``NotificationError/malformedReceipt``, ``NotificationError/unknownDelivery`` (also for
    ///   another channel's delivery), ``NotificationError/illegalTransition(from:event:)``,
    ///   ``NotificationError/conflict`` or ``NotificationError/store(_:)`` (the store cannot be read).
    public func process(body: [UInt8], authenticationCode: [UInt8], from channel: NotificationChannel)
        async throws(NotificationError) -> ReceiptOutcome
    {
        guard let key = keys[channel] else { throw .unknownTransport }
        let valid = (try? HMACSHA256.isValidAuthenticationCode(authenticationCode, for: body, key: key)) ?? false
        guard valid else { throw .receiptAuthenticationFailed }
        guard let receipt = try? JSONDecoder().decode(TransportReceipt.self, from: Data(body)),
            Notice.isValidToken(receipt.receiptID, maximum: 256)
        else { throw .malformedReceipt }
        guard let target = TransportDeliveryID(parsing: receipt.deliveryID), target.channel == channel,
            let delivery = try await read({ () async throws(StoreError) in try await store.delivery(target.noticeID) }),
            delivery.channels.contains(channel)
        else { throw .unknownDelivery }
        let seenKey = channel.rawValue + "\u{0}" + receipt.receiptID
        guard !seen.contains(seenKey) else { return .duplicate }
        let outcome = try await apply(receipt.status, to: delivery, channel: channel)
        seen.insert(seenKey)
        return outcome
    }

    /// Like ``process(body:authenticationCode:from:)`` with the tag as hex text (e.g. from a header).
    public func process(body: [UInt8], hexAuthenticationCode: String, from channel: NotificationChannel)
        async throws(NotificationError) -> ReceiptOutcome
    {
        guard let code = Hex.decode(hexAuthenticationCode) else { throw .receiptAuthenticationFailed }
        return try await process(body: body, authenticationCode: code, from: channel)
    }

    private func apply(_ status: TransportReceipt.Status, to initial: Delivery, channel: NotificationChannel)
        async throws(NotificationError) -> ReceiptOutcome
    {
        var attemptsLeft = 3
        var delivery = initial
        while true {
            guard delivery.channel == channel else { return .stale }
            if isAlreadyApplied(status, state: delivery.state) { return .duplicate }
            let now = clock.now()
            var evidenceEvent: EvidenceEventType?
            switch status {
            case .delivered:
                try delivery.apply(.deliver, at: now)
                evidenceEvent = .contentHandover
            case .read:
                try delivery.apply(.read, at: now)
                evidenceEvent = .acceptanceByRecipient
            case .failedTemporary:
                if !(try delivery.recordTemporaryFailure(at: now, policy: retryPolicy, random: &random)) {
                    evidenceEvent = .contentHandoverFailure
                }
            case .failedPermanent:
                try delivery.recordPermanentFailure(at: now)
                evidenceEvent = .contentHandoverFailure
            }
            delivery.leaseExpiresAt = nil
            do {
                let stored = try await store.update(delivery)
                switch status {
                case .delivered: metrics.delivered(channel)
                case .failedTemporary where evidenceEvent == nil: metrics.retried(channel)
                case .failedTemporary, .failedPermanent: metrics.failed(channel)
                case .read: break
                }
                if let evidenceEvent,
                    let notice = try await read({ () async throws(StoreError) in
                        try await store.notice(stored.noticeID)
                    })
                {
                    try await evidence?.record(
                        evidenceEvent, notice: notice, channel: channel,
                        contentDigest: stored.contentDigest ?? EvidenceRecorder.digest(of: notice), at: now)
                }
                return .applied(stored.state)
            } catch .conflict where attemptsLeft > 0 {
                attemptsLeft -= 1
                guard
                    let fresh = try await read({ () async throws(StoreError) in
                        try await store.delivery(initial.noticeID)
                    })
                else { throw .unknownDelivery }
                delivery = fresh
            }
        }
    }

    /// Runs a store read, reporting its failure as ``NotificationError/store(_:)``.
    private func read<T: Sendable>(_ body: () async throws(StoreError) -> T) async throws(NotificationError) -> T {
        do { return try await body() } catch { throw .store(error) }
    }

    private func isAlreadyApplied(_ status: TransportReceipt.Status, state: DeliveryState) -> Bool {
        switch status {
        case .delivered: [.delivered, .read, .deemedServed].contains(state)
        case .read: state == .read
        case .failedTemporary, .failedPermanent: false
        }
    }
}
