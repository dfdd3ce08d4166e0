import EGovCore
import Foundation

/// A business or association account (商社通) held by an organisation, with the people who
/// belong to it.
public struct OrganisationAccount: Hashable, Codable, Sendable {
    /// The account id.
    public var id: AccountID
    /// The organisation holding the account.
    public var organisation: OrganisationID
    /// The members and their roles over time.
    public var members: [Membership]
    /// When the account was opened.
    public var openedAt: Date

    /// Creates an organisation account.
    public init(id: AccountID, organisation: OrganisationID, members: [Membership] = [], openedAt: Date) {
        self.id = id
        self.organisation = organisation
        self.members = members
        self.openedAt = openedAt
    }

    /// All memberships of `person`, in force or not.
    public func memberships(of person: PersonID) -> [Membership] {
        members.filter { $0.person == person }
    }

    /// The memberships of `person` in force at `date`.
    public func memberships(of person: PersonID, at date: Date) -> [Membership] {
        members.filter { $0.person == person && $0.isInForce(at: date) }
    }

    /// Returns a copy with `person`'s memberships in `role` that are in force at `date` ended at
    /// `date`.
    public func endingMembership(of person: PersonID, role: Role, at date: Date) -> OrganisationAccount {
        var copy = self
        copy.members = members.map { membership in
            guard membership.person == person, membership.role == role, membership.isInForce(at: date) else {
                return membership
            }
            var ended = membership
            ended.until = date
            return ended
        }
        return copy
    }
}
