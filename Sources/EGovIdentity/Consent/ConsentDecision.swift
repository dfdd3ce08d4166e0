import EGovCore

/// The answer to "may the requester obtain this data now?".
public enum ConsentDecision: Sendable, Hashable {
    /// Allowed by the named grant.
    case allowed(grantID: String)
    /// Refused, with the reason closest to success (e.g. `expired` rather than `noGrant` when an
    /// expired grant exists).
    case denied(ConsentDenial)

    /// Whether the use is allowed.
    public var isAllowed: Bool {
        if case .allowed = self { return true }
        return false
    }
}
