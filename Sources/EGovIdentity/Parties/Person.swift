import EGovCore
import Foundation

/// A natural person known to the platform, e.g. the holder of a unified citizen account
/// (一戶通).
///
/// ``description`` never shows names or identifier values.
public struct Person: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The internal id.
    public var id: PersonID
    /// Identity document numbers and other identifiers, normalized.
    public var identifiers: [PartyIdentifier]
    /// Names by language tag.
    public var names: LocalizedNames
    /// The date of birth, if known.
    public var birthDate: Date?

    /// Creates a person.
    public init(id: PersonID, identifiers: [PartyIdentifier] = [], names: LocalizedNames = [:], birthDate: Date? = nil)
    {
        self.id = id
        self.identifiers = identifiers
        self.names = names
        self.birthDate = birthDate
    }

    /// The identifiers of one scheme.
    public func identifiers(scheme schemeID: String) -> [PartyIdentifier] {
        identifiers.filter { $0.schemeID == schemeID }
    }

    /// The id and counts only.
    public var description: String {
        "Person(id: \(id), identifiers: \(identifiers.count), names: \(names.languages.count))"
    }
}
