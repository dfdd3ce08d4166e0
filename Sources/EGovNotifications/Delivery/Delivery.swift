import Foundation

/// The delivery of one notice: its state, current channel, attempts and history.
///
/// All changes go through ``apply(_:at:)`` (and the helpers built on it), which consults
/// ``DeliveryStateMachine`` and appends to ``history``.
public struct Delivery: Sendable, Hashable, Codable {
    /// The notice being delivered.
    public let noticeID: NoticeID
    /// The notice's category (decides evidence and deemed service).
    public let category: NoticeCategory
    /// The notice's channels in fallback order (never empty).
    public let channels: [NotificationChannel]
    /// The index of the current channel in ``channels``.
    public private(set) var channelIndex: Int
    /// The current state.
    public private(set) var state: DeliveryState
    /// Attempts made on the current channel.
    public private(set) var attempt: Int
    /// Attempts made on all channels.
    public private(set) var totalAttempts: Int
    /// When the next attempt is due (queued or temporarily failed deliveries).
    public var nextAttemptAt: Date?
    /// When the first attempt on the current channel started.
    public private(set) var channelStartedAt: Date?
    /// When the transport accepted the notice.
    public private(set) var sentAt: Date?
    /// When delivery was reported.
    public private(set) var deliveredAt: Date?
    /// When reading was reported.
    public private(set) var readAt: Date?
    /// The SHA-256 (hex) of the content last consigned to a transport, for evidence.
    public var contentDigest: String?
    /// Every transition, oldest first.
    public private(set) var history: [DeliveryTransition]
    /// Until when a dispatcher holds the delivery (set by ``NotificationStore/claimDue(now:limit:)``).
    public var leaseExpiresAt: Date?
    /// The store's version counter for optimistic concurrency.
    public var version: Int

    /// A new delivery for `notice`, in state ``DeliveryState/created``.
    public init(notice: Notice) {
        noticeID = notice.id
        category = notice.category
        channels = notice.channels
        channelIndex = 0
        state = .created
        attempt = 0
        totalAttempts = 0
        history = []
        version = 0
    }

    /// The current channel.
    public var channel: NotificationChannel {
        channels.indices.contains(channelIndex) ? channels[channelIndex] : (channels.last ?? .inbox)
    }

    /// The identifier the current channel's transport sees.
    public var transportDeliveryID: TransportDeliveryID {
        TransportDeliveryID(noticeID: noticeID, channel: channel)
    }

    /// Whether a channel after the current one remains.
    public var hasNextChannel: Bool { channelIndex + 1 < channels.count }

    /// Applies `event` at `time`.
    ///
    /// Besides the state, it maintains the counters: `startSending` counts an attempt,
    /// `fallBack` moves to the next channel (refused when none is left), `exhaust` is refused
    /// while a channel is left, `deemService` is refused for informational notices.
    ///
    /// - Throws: ``NotificationError/illegalTransition(from:event:)``.
    public mutating func apply(_ event: DeliveryEvent, at time: Date) throws(NotificationError) {
        let target = try DeliveryStateMachine.transition(from: state, event: event)
        switch event {
        case .fallBack where !hasNextChannel, .exhaust where hasNextChannel,
            .deemService where category != .legallyEffective:
            throw .illegalTransition(from: state, event: event)
        default: break
        }
        history.append(DeliveryTransition(from: state, event: event, to: target, at: time, channel: channel))
        state = target
        switch event {
        case .enqueue: nextAttemptAt = time
        case .startSending:
            attempt += 1
            totalAttempts += 1
            if channelStartedAt == nil { channelStartedAt = time }
            nextAttemptAt = nil
        case .accept: sentAt = time
        case .deliver: deliveredAt = time
        case .read: readAt = time
        case .fallBack:
            channelIndex += 1
            attempt = 0
            channelStartedAt = nil
            sentAt = nil
            nextAttemptAt = time
        case .failTemporarily, .failPermanently, .exhaust, .deemService, .cancel, .expire:
            if target.isTerminal || target == .permanentFailure { nextAttemptAt = nil }
        }
    }

    /// Records a temporary failure and either schedules a retry (returns `true`) or, when the
    /// policy's attempts or age are exhausted, fails the channel permanently and falls back
    /// (returns `false`).
    public mutating func recordTemporaryFailure(
        at time: Date, policy: RetryPolicy, random: inout some RandomNumberGenerator
    ) throws(NotificationError) -> Bool {
        try apply(.failTemporarily, at: time)
        let started = channelStartedAt ?? time
        let delay = policy.delay(afterAttempt: attempt, using: &random)
        let retryAt = time.addingTimeInterval(delay)
        if attempt >= policy.maximumAttempts || retryAt.timeIntervalSince(started) > policy.maximumAge {
            try recordPermanentFailure(at: time, alreadyFailed: false)
            return false
        }
        nextAttemptAt = retryAt
        return true
    }

    /// Records a permanent failure of the current channel, then falls back to the next channel
    /// or, when none is left, moves to ``DeliveryState/failed``.
    ///
    /// - Parameters:
    ///   - time: when the failure was reported.
    ///   - alreadyFailed: `true` if the delivery is already in
    ///     ``DeliveryState/permanentFailure`` (only the fallback step remains).
    public mutating func recordPermanentFailure(at time: Date, alreadyFailed: Bool = false) throws(NotificationError) {
        if !alreadyFailed { try apply(.failPermanently, at: time) }
        try apply(hasNextChannel ? .fallBack : .exhaust, at: time)
    }

    /// How many channels failed permanently (the `failPermanently` events in the history).
    public var permanentlyFailedChannels: [NotificationChannel] {
        history.filter { $0.event == .failPermanently }.map(\.channel)
    }
}
