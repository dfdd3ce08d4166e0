import EGovCore
import Foundation

/// A unified citizen account (一戶通 / Conta Única de Acesso Comum) held by one person.
public struct PersonalAccount: Hashable, Codable, Sendable {
    /// The account id.
    public var id: AccountID
    /// The holder.
    public var holder: PersonID
    /// When the account was opened.
    public var openedAt: Date
    /// When the account was closed, if it was.
    public var closedAt: Date?

    /// Creates a personal account.
    public init(id: AccountID, holder: PersonID, openedAt: Date, closedAt: Date? = nil) {
        self.id = id
        self.holder = holder
        self.openedAt = openedAt
        self.closedAt = closedAt
    }

    /// Whether the account is open at `date` (opened, and not yet closed).
    public func isOpen(at date: Date) -> Bool {
        openedAt <= date && (closedAt.map { date < $0 } ?? true)
    }
}
