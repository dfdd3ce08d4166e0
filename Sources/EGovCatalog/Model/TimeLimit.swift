/// The statutory or target processing time of a service (CPSV-AP `processingTime`).
public struct TimeLimit: Sendable, Hashable, Codable {
    /// Whether a duration counts working days or calendar days.
    public enum DayKind: String, Sendable, Hashable, Codable, CaseIterable {
        /// Working days (excluding weekends and Macau public holidays).
        case working
        /// Calendar days.
        case calendar
    }

    /// An ISO 8601 duration, e.g. `P30D` or `PT2H`.
    public var duration: String
    /// How days in ``duration`` are counted.
    public var dayKind: DayKind

    /// Creates a time limit.
    public init(duration: String, dayKind: DayKind = .working) {
        self.duration = duration
        self.dayKind = dayKind
    }
}
