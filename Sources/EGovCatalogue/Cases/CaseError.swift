import EGovCore

/// Errors raised by the application-case model: state transitions, time limits, working calendars
/// and exports.
///
/// Codes are stable (`catalog.case.*`); reasons never echo identifiers or personal data.
public enum CaseError: EGovError, Equatable {
    /// The requested state change is not allowed from the current state.
    case illegalTransition(from: CaseState, to: CaseState)
    /// A transition was dated before the case's previous transition.
    case transitionOutOfOrder
    /// A time limit was malformed or out of range.
    case invalidTimeLimit(String)
    /// A calendar date was malformed or does not exist.
    case invalidDate(String)
    /// A working calendar's configuration was invalid.
    case invalidCalendar(String)
    /// A case's fields were inconsistent or missing.
    case invalidCase(String)
    /// Exporting figures failed.
    case exportFailed(String)

    /// The stable machine-readable code.
    public var code: String {
        switch self {
        case .illegalTransition: "catalog.case.transition.illegal"
        case .transitionOutOfOrder: "catalog.case.transition.out-of-order"
        case .invalidTimeLimit: "catalog.case.time-limit.invalid"
        case .invalidDate: "catalog.case.date.invalid"
        case .invalidCalendar: "catalog.case.calendar.invalid"
        case .invalidCase: "catalog.case.invalid"
        case .exportFailed: "catalog.case.export.failed"
        }
    }

    /// A readable explanation, free of identifiers and personal data.
    public var reason: String {
        switch self {
        case .illegalTransition(let from, let to): "a case cannot move from \(from) to \(to)"
        case .transitionOutOfOrder: "a transition cannot be dated before the case's previous transition"
        case .invalidTimeLimit(let why): "invalid time limit: \(why)"
        case .invalidDate(let why): "invalid date: \(why)"
        case .invalidCalendar(let why): "invalid working calendar: \(why)"
        case .invalidCase(let why): "invalid case: \(why)"
        case .exportFailed(let why): "export failed: \(why)"
        }
    }
}
