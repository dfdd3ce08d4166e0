import Foundation

/// RFC 3339 timestamps as EGovInterop writes them: UTC, whole seconds (`2026-01-01T00:00:00Z`).
///
/// Parsing accepts any RFC 3339 date-time with `Z` or an offset, at most 64 characters.
public enum InteropTime {
    /// Formats `date` in UTC, truncated to the second.
    public static func format(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }

    /// Parses an RFC 3339 date-time, or returns `nil`.
    public static func parse(_ text: String) -> Date? {
        guard text.utf8.count <= 64 else { return nil }
        if let date = try? Date(text, strategy: .iso8601) { return date }
        return try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// `date` truncated to the second (what survives a round trip through ``format(_:)``).
    public static func truncated(_ date: Date) -> Date {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down))
    }
}
