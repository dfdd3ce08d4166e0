import EGovCore
import EGovIdentity
import Foundation

/// The rules every `ConsentStore` must follow, as executable checks: unique ids, exact
/// round-trips, per-person listing in order, and atomic revocation.
public enum ConsentStoreConformance {
    /// Makes an empty store.
    public typealias Factory = @Sendable () async throws -> any ConsentStore

    /// Runs every check.
    ///
    /// - Throws: the first ``StoreConformanceFailure``.
    public static func run(makeStore: Factory) async throws(StoreConformanceFailure) {
        let checker = ConformanceChecker(suite: "ConsentStore")
        let t0 = TestPKI.referenceDate

        try await checker.check("grants round-trip and ids are unique") { c in
            let store = try await makeStore()
            let grant = sample("consent-1", person: "p-1", from: t0)
            try await store.insert(grant)
            try c.expect(try await store.grant(id: "consent-1") == grant, "the grant must round-trip exactly")
            try c.expect(try await store.grant(id: "consent-none") == nil, "unknown id")
            try await c.expectError(StoreError.duplicate, "a second grant with the same id") {
                try await store.insert(sample("consent-1", person: "p-2", from: t0))
            }
        }

        try await checker.check("grants of a person, oldest first") { c in
            let store = try await makeStore()
            try await store.insert(sample("consent-b", person: "p-1", from: t0.addingTimeInterval(10)))
            try await store.insert(sample("consent-a", person: "p-1", from: t0.addingTimeInterval(20)))
            try await store.insert(sample("consent-c", person: "p-1", from: t0))
            try await store.insert(sample("consent-x", person: "p-2", from: t0))
            let ids = try await store.grants(ofPerson: "p-1").map(\.id)
            try c.expect(ids == ["consent-c", "consent-b", "consent-a"], "got \(ids)")
            try c.expect(try await store.grants(ofPerson: "p-none").isEmpty, "no grants of an unknown person")
        }

        try await checker.check("revocation happens once") { c in
            let store = try await makeStore()
            try await store.insert(sample("consent-1", person: "p-1", from: t0))
            let revokedAt = t0.addingTimeInterval(30)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for _ in 0..<8 {
                    group.addTask { ((try? await store.revoke("consent-1", at: revokedAt)) ?? nil) != nil }
                }
                var successes = 0
                for await success in group where success { successes += 1 }
                return successes
            }
            try c.expect(outcomes == 1, "\(outcomes) concurrent revocations succeeded")
            try c.expect(try await store.grant(id: "consent-1")?.revokedAt == revokedAt, "revokedAt must be stored")
            try c.expect(try await store.revoke("consent-1", at: t0.addingTimeInterval(60)) == nil, "revoking twice")
            try c.expect(
                try await store.grant(id: "consent-1")?.revokedAt == revokedAt, "a second revocation changes nothing")
            try await c.expectError(StoreError.notFound, "revoking an unknown grant") {
                _ = try await store.revoke("consent-none", at: t0)
            }
        }
    }

    static func sample(_ id: String, person: String, from: Date) -> ConsentGrant {
        ConsentGrant(
            id: id, personAccountID: person, requester: "DSF", provider: "DSI",
            dataCategories: ["address", "property-registration"], purpose: "tax-assessment", validFrom: from,
            validUntil: from.addingTimeInterval(86_400.125))
    }
}
