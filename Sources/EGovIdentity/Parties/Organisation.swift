import EGovCore

/// A company, association, public body or other organisation, e.g. the holder of a business or
/// association account (商社通).
///
/// ``description`` never shows names or identifier values.
public struct Organisation: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The internal id.
    public var id: OrganisationID
    /// The legal kind.
    public var kind: OrganisationKind
    /// Registration numbers and other identifiers, normalized (e.g. `cn-uscc`).
    public var identifiers: [PartyIdentifier]
    /// Names by language tag.
    public var names: LocalizedNames
    /// Registration details, if registered.
    public var registration: RegistrationDetails?

    /// Creates an organisation.
    public init(
        id: OrganisationID, kind: OrganisationKind, identifiers: [PartyIdentifier] = [], names: LocalizedNames = [:],
        registration: RegistrationDetails? = nil
    ) {
        self.id = id
        self.kind = kind
        self.identifiers = identifiers
        self.names = names
        self.registration = registration
    }

    /// The id, kind and counts only.
    public var description: String {
        "Organisation(id: \(id), kind: \(kind.rawValue), identifiers: \(identifiers.count), names: \(names.languages.count))"
    }
}
