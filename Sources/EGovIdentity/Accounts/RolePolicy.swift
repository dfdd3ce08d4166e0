import EGovCore

/// Which actions each ``Role`` implies without a mandate, in every service of the
/// organisation, and whether mandates require membership.
///
/// The rules are data so that a department can adopt its own; ``standard`` is a conservative
/// default, not a statement of law:
///
/// | role | actions without a mandate |
/// | --- | --- |
/// | `legalRepresentative` | all (represents the organisation by law) |
/// | `associationPresident` | all (represents the association externally under typical statutes) |
/// | `director` | `view`, `apply` |
/// | `associationSecretary` | `view`, `apply` |
/// | `associationTreasurer` | `view`, `pay` |
/// | `authorisedStaff`, custom roles | none: they act through mandates |
public struct RolePolicy: Hashable, Codable, Sendable {
    /// The actions implied by each role; roles absent from the map imply nothing.
    public var impliedActions: [Role: ScopeSelection<ServiceAction>]
    /// Whether a mandate applies only while its grantee holds a membership in force in the
    /// granting organisation's account (default `true`: mandates go to members such as
    /// authorised staff).
    public var mandatesRequireMembership: Bool

    /// Creates a policy.
    public init(impliedActions: [Role: ScopeSelection<ServiceAction>], mandatesRequireMembership: Bool = true) {
        self.impliedActions = impliedActions
        self.mandatesRequireMembership = mandatesRequireMembership
    }

    /// The default rules described above.
    public static let standard = RolePolicy(impliedActions: [
        .legalRepresentative: .all,
        .associationPresident: .all,
        .director: .only([.view, .apply]),
        .associationSecretary: .only([.view, .apply]),
        .associationTreasurer: .only([.view, .pay]),
    ])

    /// Whether `role` implies `action`.
    public func allows(_ role: Role, _ action: ServiceAction) -> Bool {
        impliedActions[role]?.contains(action) ?? false
    }
}
