import EGovCore

/// A calendar date (year, month, day) in the proleptic Gregorian calendar, without a time or a
/// time zone; the local day of a ``WorkingCalendar``.
///
/// Encodes as an ISO 8601 `yyyy-MM-dd` string. Arithmetic is pure integer arithmetic (days since
/// 1970-01-01), independent of the host's locale and time zone.
public struct LocalDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The year, 1...9999.
    public let year: Int
    /// The month, 1...12.
    public let month: Int
    /// The day of the month.
    public let day: Int

    /// Creates a date, checking that it exists.
    ///
    /// - Throws: ``CaseError/invalidDate(_:)`` for a year outside 1...9999 or a day that does not
    ///   exist (e.g. 2026-02-29).
    public init(year: Int, month: Int, day: Int) throws(CaseError) {
        guard (1...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else {
            throw .invalidDate("year, month or day out of range")
        }
        let check = LocalDate(dayNumber: Self.dayNumber(year: year, month: month, day: day))
        guard check.year == year, check.month == month, check.day == day else {
            throw .invalidDate("the day does not exist in that month")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy-MM-dd`.
    ///
    /// - Throws: ``CaseError/invalidDate(_:)`` for any other form or a date that does not exist.
    public init(iso8601 text: String) throws(CaseError) {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 10, scalars[4] == "-", scalars[7] == "-" else {
            throw .invalidDate("expected yyyy-MM-dd")
        }
        func number(_ range: Range<Int>) throws(CaseError) -> Int {
            var value = 0
            for index in range {
                let scalar = scalars[index]
                guard scalar.value >= 0x30, scalar.value <= 0x39 else { throw .invalidDate("expected yyyy-MM-dd") }
                value = value * 10 + Int(scalar.value - 0x30)
            }
            return value
        }
        try self.init(year: number(0..<4), month: number(5..<7), day: number(8..<10))
    }

    /// Creates the date `dayNumber` days after 1970-01-01 (negative: before).
    init(dayNumber: Int) {
        let date = CivilCalendar.date(dayNumber: Int64(dayNumber))
        (year, month, day) = (Int(date.year), Int(date.month), Int(date.day))
    }

    /// Days since 1970-01-01 (negative before).
    var dayNumber: Int { Self.dayNumber(year: year, month: month, day: day) }

    private static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        Int(CivilCalendar.dayNumber(year: Int64(year), month: Int64(month), day: Int64(day)))
    }

    /// The weekday: 1 = Sunday ... 7 = Saturday (the
    /// convention of Foundation's `Calendar`).
    public var weekday: Int {
        let n = (dayNumber + 4) % 7  // 1970-01-01 was a Thursday (weekday 5)
        return (n < 0 ? n + 7 : n) + 1
    }

    /// `yyyy-MM-dd`.
    public var iso8601: String {
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// `yyyy-MM-dd`.
    public var description: String { iso8601 }

    /// Orders dates chronologically.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.dayNumber < rhs.dayNumber }

    /// Decodes a `yyyy-MM-dd` string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(iso8601: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }

    /// Encodes as a `yyyy-MM-dd` string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso8601)
    }
}
