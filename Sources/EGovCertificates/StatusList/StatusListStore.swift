import EGovCore
import Foundation

/// Durable storage for ``StatusListIssuerSnapshot``s, one per status list URI.
///
/// Persist the issuer's snapshot (``StatusListIssuer/persist(to:)``) after every allocation and
/// status change and before handing out the credential or acknowledging the change; restore with
/// ``StatusListIssuer/init(snapshot:signingKey:keyID:clock:auditLog:auditActor:)``. That way no
/// index is ever allocated twice across restarts. ``InMemoryStatusListStore`` is the in-memory
/// implementation; EGovSQLite and EGovPostgres provide durable ones.
public protocol StatusListStore: Sendable {
    /// Stores `snapshot`, replacing the one stored for its URI.
    func save(_ snapshot: StatusListIssuerSnapshot) async throws(StoreError)

    /// The snapshot stored for `uri`, if any.
    func snapshot(uri: String) async throws(StoreError) -> StatusListIssuerSnapshot?

    /// The URIs with a stored snapshot, sorted.
    func uris() async throws(StoreError) -> [String]
}

extension StatusListIssuer {
    /// Saves the issuer's current state to `store`.
    ///
    /// - Throws: a ``StatusListError`` if the lists cannot be encoded, or a `StoreError`.
    public func persist(to store: any StatusListStore) async throws {
        let state = try snapshot()
        try await store.save(state)
    }
}
