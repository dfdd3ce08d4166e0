import EGovCore

/// Errors from consent management.
public enum ConsentError: EGovError, Equatable {
    /// The grant's period is empty or longer than allowed.
    case invalidPeriod
    /// No grant with that ID.
    case unknownGrant
    /// The grant was already revoked.
    case alreadyRevoked
    /// The grant lacks a requester, provider, purpose or data category.
    case incomplete(String)

    public var code: String {
        switch self {
        case .invalidPeriod: "identity.consent.invalid_period"
        case .unknownGrant: "identity.consent.unknown_grant"
        case .alreadyRevoked: "identity.consent.already_revoked"
        case .incomplete: "identity.consent.incomplete"
        }
    }

    public var reason: String {
        switch self {
        case .invalidPeriod: "the consent period must start before it ends and last at most the registry's maximum"
        case .unknownGrant: "no consent grant with that ID"
        case .alreadyRevoked: "the consent grant was already revoked"
        case .incomplete(let field): "the consent grant has no \(field)"
        }
    }
}
