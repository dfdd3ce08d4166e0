/// A store implementation broke a rule of its protocol, as found by one of the conformance
/// suites (``NotificationStoreConformance``, ``AuditLogConformance``, ``ConsentStoreConformance``,
/// ``MandateStoreConformance``, ``StatusListStoreConformance``, ``CaseStoreConformance``,
/// ``ReplayCacheConformance``, ``NotificationStoreOutageConformance``).
///
/// The suites are plain `async throws` functions with no dependency on a test framework, so any
/// project can run them against its own store: call `run(…)` from a test and let the error fail it.
public struct StoreConformanceFailure: Error, CustomStringConvertible, Sendable, Equatable {
    /// The suite, e.g. `NotificationStore`.
    public let suite: String
    /// The check that failed, e.g. `enqueue is idempotent on the idempotency key`.
    public let check: String
    /// What was expected and what happened.
    public let detail: String

    /// Creates a failure.
    public init(suite: String, check: String, detail: String) {
        self.suite = suite
        self.check = check
        self.detail = detail
    }

    /// `suite: check — detail`.
    public var description: String { "\(suite) conformance: \(check) — \(detail)" }
}

/// Runs named checks and turns broken expectations and unexpected errors into
/// ``StoreConformanceFailure``s.
struct ConformanceChecker: Sendable {
    let suite: String

    /// Runs one check; an error other than a ``StoreConformanceFailure`` is reported as such.
    func check(_ name: String, _ body: (CheckContext) async throws -> Void) async throws(StoreConformanceFailure) {
        let context = CheckContext(suite: suite, check: name)
        do {
            try await body(context)
        } catch let failure as StoreConformanceFailure {
            throw failure
        } catch {
            throw StoreConformanceFailure(suite: suite, check: name, detail: "unexpected error: \(error)")
        }
    }
}

/// The expectations available inside one check.
struct CheckContext: Sendable {
    let suite: String
    let check: String

    func expect(_ condition: Bool, _ detail: @autoclosure () -> String) throws(StoreConformanceFailure) {
        guard condition else { throw StoreConformanceFailure(suite: suite, check: check, detail: detail()) }
    }

    func fail(_ detail: String) -> StoreConformanceFailure {
        StoreConformanceFailure(suite: suite, check: check, detail: detail)
    }

    /// Expects `body` to throw an error equal to `expected`.
    func expectError<E: Error & Equatable>(
        _ expected: E, _ what: String, _ body: () async throws -> Void
    ) async throws(StoreConformanceFailure) {
        do {
            try await body()
        } catch let error as E where error == expected {
            return
        } catch {
            throw fail("\(what): expected \(expected), got \(error)")
        }
        throw fail("\(what): expected \(expected), but it succeeded")
    }
}
