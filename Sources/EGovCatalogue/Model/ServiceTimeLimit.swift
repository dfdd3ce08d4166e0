/// The statutory or target processing time of a service (CPSV-AP `processingTime`).
public struct ServiceTimeLimit: Sendable, Hashable, Codable {

    /// An ISO 8601 duration, e.g. `P30D` or `PT2H`.
    public var duration: String
    /// How days in ``duration`` are counted.
    public var dayKind: DayKind

    /// Creates a time limit.
    public init(duration: String, dayKind: DayKind = .working) {
        self.duration = duration
        self.dayKind = dayKind
    }

    /// The validated day count for case deadlines; throws when ``duration`` is not a whole
    /// number of days or weeks (`P15D`, `P2W`), which ``CatalogueValidator`` also reports.
    public func caseTimeLimit() throws(CaseError) -> TimeLimit {
        try TimeLimit(iso8601: duration, dayKind: dayKind)
    }
}
