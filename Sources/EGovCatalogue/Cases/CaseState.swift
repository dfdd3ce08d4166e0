/// The life-cycle state of an ``ApplicationCase``.
///
/// ```
/// submitted ──► acceptedAtIntake ──► inReview ◄──► supplementRequested (補正, clock paused)
///     │                                  │
///     └──► refusedAtIntake ──► closed    └──► decided(approved) ──► outputIssued ──► closed
///                                        └──► decided(refused) ──► closed
/// withdrawn ◄── submitted | acceptedAtIntake | inReview | supplementRequested
/// ```
///
/// A state is *final* once the outcome is settled (refused at intake, decided, output issued,
/// closed or withdrawn): withdrawal is no longer possible, only administrative follow-up.
/// ``closed`` and ``withdrawn`` are *terminal*: nothing follows them.
public enum CaseState: Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    /// Received, not yet checked at intake.
    case submitted
    /// Complete and admissible at intake; the processing clock starts.
    case acceptedAtIntake
    /// Rejected at intake (incomplete or inadmissible).
    case refusedAtIntake
    /// Under substantive review.
    case inReview
    /// The applicant has been asked to supplement the application (補正); the clock is paused.
    case supplementRequested
    /// A decision has been taken; the clock stops.
    case decided(CaseDecision)
    /// The output (licence, certificate, document) has been issued.
    case outputIssued
    /// The case is closed.
    case closed
    /// The applicant withdrew the application.
    case withdrawn

    /// Every state.
    public static let allCases: [CaseState] = [
        .submitted, .acceptedAtIntake, .refusedAtIntake, .inReview, .supplementRequested,
        .decided(.approved), .decided(.refused), .outputIssued, .closed, .withdrawn,
    ]

    /// A stable name: the case name, or `decided.approved` / `decided.refused`.
    public var name: String {
        switch self {
        case .submitted: "submitted"
        case .acceptedAtIntake: "acceptedAtIntake"
        case .refusedAtIntake: "refusedAtIntake"
        case .inReview: "inReview"
        case .supplementRequested: "supplementRequested"
        case .decided(let decision): "decided.\(decision.rawValue)"
        case .outputIssued: "outputIssued"
        case .closed: "closed"
        case .withdrawn: "withdrawn"
        }
    }

    /// The stable ``name``.
    public var description: String { name }

    /// The states this state may move to.
    public var successors: [CaseState] {
        switch self {
        case .submitted: [.acceptedAtIntake, .refusedAtIntake, .withdrawn]
        case .acceptedAtIntake: [.inReview, .withdrawn]
        case .refusedAtIntake: [.closed]
        case .inReview: [.supplementRequested, .decided(.approved), .decided(.refused), .withdrawn]
        case .supplementRequested: [.inReview, .withdrawn]
        case .decided(.approved): [.outputIssued]
        case .decided(.refused): [.closed]
        case .outputIssued: [.closed]
        case .closed, .withdrawn: []
        }
    }

    /// Whether moving to `next` is allowed.
    public func canTransition(to next: CaseState) -> Bool { successors.contains(next) }

    /// Whether the outcome is settled (no withdrawal possible).
    public var isFinal: Bool {
        switch self {
        case .submitted, .acceptedAtIntake, .inReview, .supplementRequested: false
        case .refusedAtIntake, .decided, .outputIssued, .closed, .withdrawn: true
        }
    }

    /// Whether no transition leaves this state.
    public var isTerminal: Bool { successors.isEmpty }

    /// Whether the processing clock is paused in this state.
    public var pausesClock: Bool { self == .supplementRequested }

    /// Decodes a stable ``name``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let name = try container.decode(String.self)
        guard let state = Self.allCases.first(where: { $0.name == name }) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown case state")
        }
        self = state
    }

    /// Encodes the stable ``name``.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
