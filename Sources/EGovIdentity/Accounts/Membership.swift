import EGovCore
import Foundation

/// A person's role in an ``OrganisationAccount`` during a period.
///
/// The period is half-open: the membership is in force from ``from`` (inclusive) until
/// ``until`` (exclusive); `until == nil` means open-ended.
public struct Membership: Hashable, Codable, Sendable {
    /// The member.
    public var person: PersonID
    /// The member's role.
    public var role: Role
    /// Start of the membership (inclusive).
    public var from: Date
    /// End of the membership (exclusive), if it ends.
    public var until: Date?

    /// Creates a membership.
    public init(person: PersonID, role: Role, from: Date, until: Date? = nil) {
        self.person = person
        self.role = role
        self.from = from
        self.until = until
    }

    /// Whether the membership is in force at `date`.
    public func isInForce(at date: Date) -> Bool {
        from <= date && (until.map { date < $0 } ?? true)
    }
}
