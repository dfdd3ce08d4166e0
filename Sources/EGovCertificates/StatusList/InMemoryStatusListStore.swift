import EGovCore
import Foundation

/// A ``StatusListStore`` in memory, for tests and single-process use.
public actor InMemoryStatusListStore: StatusListStore {
    private var snapshots: [String: StatusListIssuerSnapshot] = [:]

    /// Creates an empty store.
    public init() {}

    public func save(_ snapshot: StatusListIssuerSnapshot) {
        snapshots[snapshot.uri] = snapshot
    }

    public func snapshot(uri: String) -> StatusListIssuerSnapshot? { snapshots[uri] }

    public func uris() -> [String] { snapshots.keys.sorted() }
}
