import EGovCore

/// Why a person may or may not act for an organisation (see ``MandateRegistry/canAct(person:for:action:service:at:)``).
public enum ActingDecisionReason: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Allowed: a role in force implies the action (``RolePolicy``).
    case allowedByRole(Role)
    /// Allowed: a mandate in force covers the action and service.
    case allowedByMandate(MandateID)
    /// Denied: no account is registered for the organisation.
    case unknownOrganisation
    /// Denied: the person has never been a member of the organisation's account.
    case notAMember
    /// Denied: the person is a member or mandatee of other organisations only.
    case wrongOrganisation
    /// Denied: the person's membership starts later.
    case membershipNotYetValid
    /// Denied: the person's membership has ended.
    case membershipEnded
    /// Denied: no role implies the action and the organisation granted the person no mandate.
    case noMandate
    /// Denied: the only relevant mandate has expired.
    case mandateExpired
    /// Denied: the only relevant mandate starts later.
    case mandateNotYetValid
    /// Denied: the only relevant mandate was revoked.
    case mandateRevoked
    /// Denied: the mandates in force do not cover the action.
    case actionOutOfScope
    /// Denied: the mandates in force do not cover the service.
    case serviceOutOfScope

    /// Whether this reason allows acting.
    public var isAllowed: Bool {
        switch self {
        case .allowedByRole, .allowedByMandate: true
        default: false
        }
    }

    /// A stable dotted code, e.g. `identity.acting.mandate_expired`.
    public var code: String {
        switch self {
        case .allowedByRole: "identity.acting.allowed_by_role"
        case .allowedByMandate: "identity.acting.allowed_by_mandate"
        case .unknownOrganisation: "identity.acting.unknown_organisation"
        case .notAMember: "identity.acting.not_a_member"
        case .wrongOrganisation: "identity.acting.wrong_organisation"
        case .membershipNotYetValid: "identity.acting.membership_not_yet_valid"
        case .membershipEnded: "identity.acting.membership_ended"
        case .noMandate: "identity.acting.no_mandate"
        case .mandateExpired: "identity.acting.mandate_expired"
        case .mandateNotYetValid: "identity.acting.mandate_not_yet_valid"
        case .mandateRevoked: "identity.acting.mandate_revoked"
        case .actionOutOfScope: "identity.acting.action_out_of_scope"
        case .serviceOutOfScope: "identity.acting.service_out_of_scope"
        }
    }

    /// The code, with the role or mandate id where there is one.
    public var description: String {
        switch self {
        case .allowedByRole(let role): "\(code)(\(role))"
        case .allowedByMandate(let id): "\(code)(\(id))"
        default: code
        }
    }
}
