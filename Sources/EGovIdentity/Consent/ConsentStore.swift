import EGovCore
import Foundation

/// Durable storage for consent grants, used by ``ConsentRegistry``.
///
/// Implementations must refuse a second grant with the same ``ConsentGrant/id``
/// (`StoreError/duplicate`) and make ``revoke(_:at:)`` atomic: of two concurrent revocations,
/// exactly one succeeds. ``InMemoryConsentStore`` is the default; EGovSQLite and EGovPostgres
/// provide durable ones. `EGovTesting.ConsentStoreConformance` checks an implementation.
public protocol ConsentStore: Sendable {
    /// Stores a new grant.
    ///
    /// - Throws: `StoreError/duplicate` if a grant with the same id is stored.
    func insert(_ grant: ConsentGrant) async throws(StoreError)

    /// Marks a grant revoked at `time` if it is not revoked yet.
    ///
    /// - Returns: the revoked grant, or `nil` if it was already revoked (it is left unchanged).
    /// - Throws: `StoreError/notFound` for an unknown grant.
    func revoke(_ id: String, at time: Date) async throws(StoreError) -> ConsentGrant?

    /// The grant with `id`, if stored.
    func grant(id: String) async throws(StoreError) -> ConsentGrant?

    /// Every grant of a person, oldest ``ConsentGrant/validFrom`` first (ties by id).
    func grants(ofPerson personAccountID: String) async throws(StoreError) -> [ConsentGrant]
}
