/// How the days of a time limit are counted.
public enum DayKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// Only working days count (weekends and public holidays are skipped).
    case working
    /// Every calendar day counts.
    case calendar
}
