import EGovCertificates
import EGovCore
import Foundation

/// The rules every `StatusListStore` must follow, as executable checks: snapshots round-trip
/// exactly, a save replaces the snapshot of its URI, URIs are listed sorted.
public enum StatusListStoreConformance {
    /// Makes an empty store.
    public typealias Factory = @Sendable () async throws -> any StatusListStore

    /// Runs every check.
    ///
    /// - Throws: the first ``StoreConformanceFailure``.
    public static func run(makeStore: Factory) async throws(StoreConformanceFailure) {
        let checker = ConformanceChecker(suite: "StatusListStore")

        try await checker.check("snapshots round-trip and are replaced per URI") { c in
            let store = try await makeStore()
            try c.expect(try await store.snapshot(uri: "https://example.gov.mo/status/1") == nil, "unknown URI")
            let first = sample("https://example.gov.mo/status/1", next: 3)
            let other = sample("https://example.gov.mo/status/0", next: 0)
            try await store.save(first)
            try await store.save(other)
            try c.expect(try await store.snapshot(uri: first.uri) == first, "the snapshot must round-trip")
            let later = sample(first.uri, next: 4)
            try await store.save(later)
            try c.expect(try await store.snapshot(uri: first.uri) == later, "a save must replace the snapshot")
            try c.expect(try await store.uris() == [other.uri, first.uri], "URIs must be listed sorted")
        }
    }

    static func sample(_ uri: String, next: Int) -> StatusListIssuerSnapshot {
        StatusListIssuerSnapshot(
            uri: uri, bits: 2, capacity: 1024, randomIndices: next == 0, nextSequentialIndex: next,
            statuses: "eNrbuRgAAhcBXQ", allocated: "eNpjYGBgAAAABQAB-\(next)")
    }
}
