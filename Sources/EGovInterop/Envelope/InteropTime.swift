import Foundation

/// RFC 3339 timestamps as EGovInterop writes them: UTC, whole seconds (`2026-01-01T00:00:00Z`).
///
/// Parsing accepts exactly what ``format(_:)`` writes: an RFC 3339 date-time in UTC (`Z`), whole
/// seconds, years 0001–9999. Offsets and fractional seconds are refused rather than normalised, so
/// that every accepted time is written back unchanged (a signed message or a contract must
/// re-serialise to the same bytes).
public enum InteropTime {
    /// Formats `date` in UTC, truncated to the second.
    public static func format(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }

    /// Parses a time in the form ``format(_:)`` writes (`YYYY-MM-DDTHH:MM:SSZ`), or returns `nil`.
    public static func parse(_ text: String) -> Date? {
        guard text.utf8.count == 20, let date = try? Date(text, strategy: .iso8601), format(date) == text else {
            return nil
        }
        return date
    }

    /// `date` truncated to the second (what survives a round trip through ``format(_:)``).
    public static func truncated(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
