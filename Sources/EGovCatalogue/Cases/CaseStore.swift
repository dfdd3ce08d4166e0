import EGovCore
import Foundation

/// Durable storage for ``ApplicationCase``s.
///
/// A case only ever grows (transitions are appended), so optimistic concurrency uses the number of
/// transitions: ``replace(_:expectedTransitionCount:)`` succeeds only if the stored case still has
/// the count the caller read. ``InMemoryCaseStore`` is the in-memory implementation; EGovSQLite and
/// EGovPostgres provide durable ones.
public protocol CaseStore: Sendable {
    /// Stores a new case.
    ///
    /// - Throws: `StoreError/duplicate` if a case with the same id is stored.
    func insert(_ applicationCase: ApplicationCase) async throws(StoreError)

    /// Replaces a stored case.
    ///
    /// - Throws: `StoreError/notFound`, or `StoreError/conflict` if the stored case no longer
    ///   has `expectedTransitionCount` transitions.
    func replace(_ applicationCase: ApplicationCase, expectedTransitionCount: Int) async throws(StoreError)

    /// The case with `id`, if stored.
    func applicationCase(id: String) async throws(StoreError) -> ApplicationCase?

    /// The open cases (``ApplicationCase/isOpen``), of one department or of all, sorted by
    /// submission time then id: the input of an ``EscalationList``.
    func openCases(departmentID: String?) async throws(StoreError) -> [ApplicationCase]
}
