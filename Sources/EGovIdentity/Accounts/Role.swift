import EGovCore

/// The role of a person in an organisation account.
///
/// What each role may do without a mandate is data, held in a ``RolePolicy``.
public enum Role: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The legal representative (法定代表人 / representante legal).
    case legalRepresentative
    /// A director / board member (董事 / administrador).
    case director
    /// The president of an association (會長 / presidente).
    case associationPresident
    /// The secretary of an association (秘書 / secretário).
    case associationSecretary
    /// The treasurer of an association (司庫 / tesoureiro).
    case associationTreasurer
    /// Staff authorised to use the account; they act through mandates.
    case authorisedStaff
    /// A role defined by a department.
    case custom(String)

    /// A stable name, e.g. `legalRepresentative` or `custom:auditor`.
    public var description: String {
        switch self {
        case .legalRepresentative: "legalRepresentative"
        case .director: "director"
        case .associationPresident: "associationPresident"
        case .associationSecretary: "associationSecretary"
        case .associationTreasurer: "associationTreasurer"
        case .authorisedStaff: "authorisedStaff"
        case .custom(let name): "custom:\(name)"
        }
    }
}
