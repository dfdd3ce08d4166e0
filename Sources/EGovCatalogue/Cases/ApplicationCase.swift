import EGovCore
import Foundation

/// One application for a public service, from submission to closure, with the dated history of
/// its state transitions.
///
/// The case refers to its service by a plain ``serviceID`` and carries its own ``timeLimit`` so
/// that it does not depend on the catalogue model. Transitions are validated against
/// ``CaseState/successors`` and must be dated in order; times come from the caller or an injected
/// `WallClock`.
public struct ApplicationCase: Sendable, Hashable, Codable, Identifiable {
    /// One dated state change.
    public struct Transition: Sendable, Hashable, Codable {
        /// The state left.
        public let from: CaseState
        /// The state entered.
        public let to: CaseState
        /// When the change happened.
        public let at: Date
    }

    /// A period during which the processing clock was paused awaiting a supplement (補正).
    public struct Pause: Sendable, Hashable, Codable {
        /// When the supplement was requested.
        public let requestedAt: Date
        /// When review resumed (or the case was withdrawn); `nil` while still paused.
        public let endedAt: Date?
    }

    /// The case identifier.
    public let id: String
    /// The identifier of the service applied for.
    public let serviceID: String
    /// The identifier of the department handling the case.
    public let departmentID: String
    /// The submission channel.
    public let channel: SubmissionChannel
    /// Whether the whole procedure (submission, supplements, output) is carried out online.
    public let isFullyOnline: Bool
    /// The processing time limit, counted from acceptance at intake.
    public let timeLimit: TimeLimit
    /// When the application was submitted.
    public let submittedAt: Date
    /// The current state.
    public private(set) var state: CaseState
    /// Every transition since submission, oldest first.
    public private(set) var transitions: [Transition]

    /// Opens a case in state ``CaseState/submitted``.
    ///
    /// - Throws: ``CaseError/invalidCase(_:)`` for an empty identifier, or a fully online case
    ///   submitted through a counter or kiosk.
    public init(
        id: String, serviceID: String, departmentID: String, channel: SubmissionChannel,
        isFullyOnline: Bool, timeLimit: TimeLimit, submittedAt: Date
    ) throws(CaseError) {
        guard !id.isEmpty, !serviceID.isEmpty, !departmentID.isEmpty else {
            throw .invalidCase("case, service and department identifiers must not be empty")
        }
        guard !isFullyOnline || channel.isOnline else {
            throw .invalidCase("a fully online case must be submitted online or through the app")
        }
        self.id = id
        self.serviceID = serviceID
        self.departmentID = departmentID
        self.channel = channel
        self.isFullyOnline = isFullyOnline
        self.timeLimit = timeLimit
        self.submittedAt = submittedAt
        self.state = .submitted
        self.transitions = []
    }

    /// Opens a case submitted now, according to `clock`.
    ///
    /// - Throws: See ``init(id:serviceID:departmentID:channel:isFullyOnline:timeLimit:submittedAt:)``.
    public init(
        id: String, serviceID: String, departmentID: String, channel: SubmissionChannel,
        isFullyOnline: Bool, timeLimit: TimeLimit, clock: any WallClock
    ) throws(CaseError) {
        try self.init(
            id: id, serviceID: serviceID, departmentID: departmentID, channel: channel,
            isFullyOnline: isFullyOnline, timeLimit: timeLimit, submittedAt: clock.now())
    }

    /// Moves the case to `next` at `date`.
    ///
    /// - Throws: ``CaseError/illegalTransition(from:to:)`` if the state table forbids it, or
    ///   ``CaseError/transitionOutOfOrder`` if `date` is before the previous transition.
    public mutating func transition(to next: CaseState, at date: Date) throws(CaseError) {
        guard state.canTransition(to: next) else { throw .illegalTransition(from: state, to: next) }
        guard date >= lastChangedAt else { throw .transitionOutOfOrder }
        transitions.append(Transition(from: state, to: next, at: date))
        state = next
    }

    /// Moves the case to `next` now, according to `clock`.
    ///
    /// - Throws: See ``transition(to:at:)``.
    public mutating func transition(to next: CaseState, clock: any WallClock) throws(CaseError) {
        try transition(to: next, at: clock.now())
    }

    /// When the case last changed state (its submission time if it never did).
    public var lastChangedAt: Date { transitions.last?.at ?? submittedAt }

    /// When the case was accepted at intake, if it was.
    public var acceptedAt: Date? { transitions.first { $0.to == .acceptedAtIntake }?.at }

    /// When the decision was taken, if it was.
    public var decidedAt: Date? {
        transitions.first {
            if case .decided = $0.to { true } else { false }
        }?.at
    }

    /// The decision, if one was taken.
    public var decision: CaseDecision? {
        for transition in transitions { if case .decided(let decision) = transition.to { return decision } }
        return nil
    }

    /// When the case was withdrawn, if it was.
    public var withdrawnAt: Date? { transitions.first { $0.to == .withdrawn }?.at }

    /// When the processing clock stopped for good: the decision or the withdrawal.
    public var clockStoppedAt: Date? { decidedAt ?? withdrawnAt }

    /// The supplement pauses, oldest first; the last one is open while the case awaits a
    /// supplement.
    public var pauses: [Pause] {
        var result: [Pause] = []
        var open: Date?
        for transition in transitions {
            if transition.to == .supplementRequested {
                open = transition.at
            } else if let start = open, transition.from == .supplementRequested {
                result.append(Pause(requestedAt: start, endedAt: transition.at))
                open = nil
            }
        }
        if let start = open { result.append(Pause(requestedAt: start, endedAt: nil)) }
        return result
    }

    /// How many times a supplement was requested.
    public var supplementRequestCount: Int { transitions.count(where: { $0.to == .supplementRequested }) }

    /// Whether the case was accepted and is still being processed (accepted, in review or
    /// awaiting a supplement).
    public var isOpen: Bool {
        switch state {
        case .acceptedAtIntake, .inReview, .supplementRequested: true
        default: false
        }
    }

    private enum CodingKeys: String, CodingKey {
        case id, serviceID, departmentID, channel, isFullyOnline, timeLimit, submittedAt, state, transitions
    }

    /// Decodes a case, replaying its transitions so that an inconsistent history is rejected.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let transitions = try container.decode([Transition].self, forKey: .transitions)
        let state = try container.decode(CaseState.self, forKey: .state)
        do {
            try self.init(
                id: container.decode(String.self, forKey: .id),
                serviceID: container.decode(String.self, forKey: .serviceID),
                departmentID: container.decode(String.self, forKey: .departmentID),
                channel: container.decode(SubmissionChannel.self, forKey: .channel),
                isFullyOnline: container.decode(Bool.self, forKey: .isFullyOnline),
                timeLimit: container.decode(TimeLimit.self, forKey: .timeLimit),
                submittedAt: container.decode(Date.self, forKey: .submittedAt))
            for transition in transitions {
                guard transition.from == self.state else {
                    throw CaseError.invalidCase("the transition history is not contiguous")
                }
                try self.transition(to: transition.to, at: transition.at)
            }
            guard self.state == state else { throw CaseError.invalidCase("the state does not match the history") }
        } catch let error as CaseError {
            throw DecodingError.dataCorruptedError(
                forKey: .transitions, in: container, debugDescription: error.reason)
        }
    }
}
