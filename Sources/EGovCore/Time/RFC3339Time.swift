import Foundation

/// RFC 3339 date-times in UTC, in the one spelling EGovKit signs and hashes: the SDK's single home
/// for machine-readable time text.
///
/// Two precisions are written:
///
/// | Precision | Form | Used by |
/// |---|---|---|
/// | ``Precision/seconds`` | `2026-01-31T09:30:00Z` | interop envelopes, contracts, JAdES `sigT`, trust lists |
/// | ``Precision/milliseconds`` | `2026-01-31T09:30:00.250Z` | audit entries, checkpoints, official-document metadata, receipts |
///
/// Parsing is strict: it accepts exactly the form ``format(_:precision:)`` writes for that
/// precision — `Z` only (no offsets), the exact number of fractional digits, a real calendar date —
/// and refuses everything else rather than normalising it, so that every accepted time is written
/// back unchanged (a signed or hash-chained document must re-serialise to the same bytes).
/// Formatting and parsing use integer arithmetic (proleptic Gregorian calendar), not a
/// `DateFormatter`.
public enum RFC3339Time {
    /// How much of a second is written.
    public enum Precision: Sendable, Hashable {
        /// Whole seconds; a date is truncated (rounded down) to the second. Years 0001–9999.
        case seconds
        /// Exactly three fractional digits; a date is rounded to the nearest millisecond.
        /// Years 0000–9999.
        case milliseconds
    }

    /// `date` as it survives a round trip at `precision`.
    public static func truncate(_ date: Date, to precision: Precision) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date, precision)) / 1000)
    }

    /// Formats `date` in UTC at `precision`; years outside the precision's range are clamped.
    public static func format(_ date: Date, precision: Precision) -> String {
        let total = milliseconds(date, precision)
        let millis = Int64(((total % 1000) + 1000) % 1000)
        let seconds = (total - millis) / 1000
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let (civilYear, month, day) = CivilCalendar.date(dayNumber: days)
        let year = min(max(civilYear, minimumYear(precision)), 9999)
        var text = pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T" + pad(secondOfDay / 3600, 2) + ":"
            + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        if precision == .milliseconds { text += "." + pad(millis, 3) }
        return text + "Z"
    }

    /// Parses exactly the form ``format(_:precision:)`` writes at `precision`, or returns `nil`.
    public static func parse(_ text: String, precision: Precision) -> Date? {
        let bytes = Array(text.utf8)
        let length = precision == .seconds ? 20 : 24
        guard bytes.count == length, bytes[4] == 0x2D, bytes[7] == 0x2D, bytes[10] == 0x54, bytes[13] == 0x3A,
            bytes[16] == 0x3A, bytes[length - 1] == 0x5A
        else { return nil }
        if precision == .milliseconds, bytes[19] != 0x2E { return nil }
        func number(_ start: Int, _ count: Int) -> Int64? {
            var value: Int64 = 0
            for byte in bytes[start..<(start + count)] {
                guard byte >= 0x30, byte <= 0x39 else { return nil }
                value = value * 10 + Int64(byte - 0x30)
            }
            return value
        }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
            let minute = number(14, 2), let second = number(17, 2),
            let millis = precision == .milliseconds ? number(20, 3) : 0,
            year >= minimumYear(precision), (1...12).contains(month), (1...31).contains(day), hour < 24,
            minute < 60, second < 60
        else { return nil }
        let days = CivilCalendar.dayNumber(year: year, month: month, day: day)
        let total = ((days * 86_400 + hour * 3600 + minute * 60 + second) * 1000) + millis
        let date = Date(timeIntervalSince1970: Double(total) / 1000)
        // Reject impossible dates such as February 30 by round-tripping.
        guard format(date, precision: precision) == text else { return nil }
        return date
    }

    /// `date` in whole milliseconds since 1970 at `precision` (seconds: rounded down; milliseconds:
    /// rounded to nearest).
    private static func milliseconds(_ date: Date, _ precision: Precision) -> Int64 {
        let interval = date.timeIntervalSince1970
        guard interval.isFinite, abs(interval) < 1e15 else { return interval < 0 ? -62_135_596_800_000 : 253_402_300_799_000 }
        switch precision {
        case .seconds: return Int64(interval.rounded(.down)) * 1000
        case .milliseconds: return Int64((interval * 1000).rounded())
        }
    }

    private static func minimumYear(_ precision: Precision) -> Int64 { precision == .seconds ? 1 : 0 }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
