import Foundation

/// RFC 3339 UTC timestamps with exactly three fractional digits (`2026-01-31T09:30:00.250Z`), the
/// time format of checkpoints, official-document metadata and receipts.
///
/// Parsing is strict: the text must round-trip to itself, so a signed time has one spelling.
enum AuditTimeText {
    /// Longest accepted timestamp text.
    static let length = 24

    /// `date` rounded to whole milliseconds.
    static func truncate(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded() / 1000)
    }

    private static func formatter() -> ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(secondsFromGMT: 0)
        return formatter
    }

    /// Formats `date` (rounded to milliseconds) as `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    static func format(_ date: Date) -> String {
        formatter().string(from: truncate(date))
    }

    /// Parses exactly `YYYY-MM-DDTHH:MM:SS.mmmZ`, or returns `nil`.
    static func parse(_ text: String) -> Date? {
        guard text.utf8.count == length, let date = formatter().date(from: text) else { return nil }
        let truncated = truncate(date)
        guard format(truncated) == text else { return nil }
        return truncated
    }
}
