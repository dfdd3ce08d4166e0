import EGovCore
import Foundation

/// A ``CaseStore`` in memory, for tests and single-process use.
public actor InMemoryCaseStore: CaseStore {
    private var cases: [String: ApplicationCase] = [:]

    /// Creates an empty store.
    public init() {}

    public func insert(_ applicationCase: ApplicationCase) throws(StoreError) {
        guard cases[applicationCase.id] == nil else { throw .duplicate }
        cases[applicationCase.id] = applicationCase
    }

    public func replace(_ applicationCase: ApplicationCase, expectedTransitionCount: Int) throws(StoreError) {
        try ApplicationCase.checkReplacement(
            storedTransitionCount: cases[applicationCase.id]?.transitions.count, expected: expectedTransitionCount)
        cases[applicationCase.id] = applicationCase
    }

    public func applicationCase(id: String) -> ApplicationCase? { cases[id] }

    public func openCases(departmentID: String?) -> [ApplicationCase] {
        cases.values.filter { $0.isOpen && (departmentID == nil || $0.departmentID == departmentID) }
            .sorted { ($0.submittedAt, $0.id) < ($1.submittedAt, $1.id) }
    }
}
