import EGovCore
import Foundation

/// Durable storage for organisation accounts and mandates: the persistent form of a
/// ``MandateRegistry``.
///
/// Semantics follow ``MandateRegistry``: registering an organisation account or a mandate twice is
/// refused, a mandate that ends before it starts is refused, revocation records time and person.
/// ``registry(rolePolicy:)`` returns a snapshot on which ``MandateRegistry/canAct(person:for:action:service:at:)``
/// decides, so decisions stay reproducible. ``InMemoryMandateStore`` is the in-memory
/// implementation; EGovSQLite and EGovPostgres provide durable ones. The rules are written once
/// (``Mandate/checkValidityPeriod()``, ``Mandate/revocation(of:id:at:by:)``, ``MandateRegistry``) and
/// every implementation calls them. Every requirement throws, reads included: an ``IdentityError``
/// for a refused change, a `StoreError` when the store fails.
public protocol MandateStore: Sendable {
    /// Adds an organisation account.
    ///
    /// - Throws: ``IdentityError/duplicateOrganisationAccount(organisation:)`` or a `StoreError`.
    func register(_ account: OrganisationAccount) async throws

    /// Replaces the account of its organisation (adds it if absent).
    ///
    /// - Throws: a `StoreError`.
    func update(_ account: OrganisationAccount) async throws

    /// Adds a mandate.
    ///
    /// - Throws: ``IdentityError/duplicateMandate(id:)``, ``IdentityError/invalidValidityPeriod``
    ///   or a `StoreError`.
    func register(_ mandate: Mandate) async throws

    /// Revokes a mandate at `date`, recording who revoked it.
    ///
    /// - Throws: ``IdentityError/unknownMandate(id:)`` or a `StoreError`.
    func revoke(_ id: MandateID, at date: Date, by person: PersonID?) async throws

    /// A snapshot of every account and mandate, with `rolePolicy`.
    ///
    /// - Throws: a `StoreError` when the store cannot be read (never an empty registry).
    func registry(rolePolicy: RolePolicy) async throws -> MandateRegistry
}
