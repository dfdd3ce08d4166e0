import EGovCatalogue
import EGovCore
import Foundation

/// The rules every `CaseStore` must follow, as executable checks: unique ids, exact
/// round-trips, compare-and-set on the transition count, and the open-case query.
public enum CaseStoreConformance {
    /// Makes an empty store.
    public typealias Factory = @Sendable () async throws -> any CaseStore

    /// Runs every check.
    ///
    /// - Throws: the first ``StoreConformanceFailure``.
    public static func run(makeStore: Factory) async throws(StoreConformanceFailure) {
        let checker = ConformanceChecker(suite: "CaseStore")
        let t0 = TestPKI.referenceDate

        try await checker.check("cases round-trip, ids are unique, replace is a compare-and-set") { c in
            let store = try await makeStore()
            var application = try sample("case-1", department: "DSAL", at: t0)
            try await store.insert(application)
            try c.expect(try await store.applicationCase(id: "case-1") == application, "the case must round-trip")
            try await c.expectError(StoreError.duplicate, "a second case with the same id") {
                try await store.insert(application)
            }
            let stale = application
            try application.transition(to: .acceptedAtIntake, at: t0.addingTimeInterval(60.5))
            try await store.replace(application, expectedTransitionCount: 0)
            try c.expect(try await store.applicationCase(id: "case-1") == application, "the replacement must be stored")
            try await c.expectError(StoreError.conflict, "a replace from a stale read") {
                try await store.replace(stale, expectedTransitionCount: 0)
            }
            try await c.expectError(StoreError.notFound, "replacing an unknown case") {
                try await store.replace(try sample("case-none", department: "DSAL", at: t0), expectedTransitionCount: 0)
            }
        }

        try await checker.check("open cases, per department, oldest first") { c in
            let store = try await makeStore()
            var later = try sample("case-b", department: "DSAL", at: t0.addingTimeInterval(10))
            var earlier = try sample("case-a", department: "DSAL", at: t0)
            var elsewhere = try sample("case-c", department: "IAS", at: t0)
            let unaccepted = try sample("case-d", department: "DSAL", at: t0)
            for item in [later, earlier, elsewhere, unaccepted] { try await store.insert(item) }
            for item in [later, earlier, elsewhere] {
                var accepted = item
                try accepted.transition(to: .acceptedAtIntake, at: t0.addingTimeInterval(100))
                try await store.replace(accepted, expectedTransitionCount: 0)
            }
            later = try required(try await store.applicationCase(id: "case-b"), c)
            earlier = try required(try await store.applicationCase(id: "case-a"), c)
            elsewhere = try required(try await store.applicationCase(id: "case-c"), c)
            let dsal = try await store.openCases(departmentID: "DSAL").map(\.id)
            try c.expect(dsal == ["case-a", "case-b"], "open DSAL cases: \(dsal)")
            try c.expect(try await store.openCases(departmentID: nil).count == 3, "open cases of all departments")
            try elsewhere.transition(to: .withdrawn, at: t0.addingTimeInterval(200))
            try await store.replace(elsewhere, expectedTransitionCount: 1)
            try c.expect(
                try await store.openCases(departmentID: nil).map(\.id) == ["case-a", "case-b"],
                "a withdrawn case is no longer open")
        }
    }

    static func sample(_ id: String, department: String, at time: Date) throws -> ApplicationCase {
        try ApplicationCase(
            id: id, serviceID: "svc-\(department)", departmentID: department, channel: .online, isFullyOnline: true,
            timeLimit: try TimeLimit(days: 15, dayKind: .working), submittedAt: time)
    }
}

/// Unwraps `value` or fails the check.
private func required<T>(_ value: T?, _ context: CheckContext) throws(StoreConformanceFailure) -> T {
    guard let value else { throw context.fail("a stored case is missing") }
    return value
}
