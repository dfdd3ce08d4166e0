import EGovCore

/// A reference to a party by internal id.
public enum PartyReference: Hashable, Codable, Sendable, CustomStringConvertible {
    /// A natural person.
    case person(PersonID)
    /// An organisation.
    case organisation(OrganisationID)

    /// `person:<id>` or `organisation:<id>`.
    public var description: String {
        switch self {
        case .person(let id): "person:\(id)"
        case .organisation(let id): "organisation:\(id)"
        }
    }
}
