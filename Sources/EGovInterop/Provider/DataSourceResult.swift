import EGovCore

/// What an ``InteropDataSource`` answers.
public struct DataSourceResult: Sendable, Hashable {
    /// The outcome.
    public var outcome: ResponseOutcome
    /// The data (for ``ResponseOutcome/success``).
    public var data: [String: JSONValue]

    /// Creates a result.
    public init(outcome: ResponseOutcome = .success, data: [String: JSONValue] = [:]) {
        self.outcome = outcome
        self.data = data
    }
}
