import Foundation

/// Which local days are working days, and day arithmetic over them.
///
/// Working days are Monday to Friday by default; public holidays are data (``holidays``), never
/// computed. Days are local days at a fixed UTC offset (Macau: UTC+8, no daylight saving time).
///
/// Counting follows the administrative-procedure convention that the day of the triggering event
/// does not count: ``workingDays(from:to:)`` counts the working days *after* the local day of
/// `from` up to and including the local day of `to`, and ``addingWorkingDays(_:to:)`` lands on the
/// `n`-th working day after the local day of the date, so that
/// `workingDays(from: d, to: addingWorkingDays(n, to: d)) == n`.
public struct WorkingCalendar: Sendable, Hashable, Codable {
    /// The default offset, Macau time (UTC+8), in seconds.
    public static var macauUTCOffset: Int { 8 * 3600 }
    /// The default working weekdays, Monday (2) to Friday (6).
    public static var mondayToFriday: Set<Int> { [2, 3, 4, 5, 6] }
    /// The largest day count the arithmetic accepts; larger counts are clamped.
    public static var maximumDayCount: Int { 1_000_000 }

    /// The offset from UTC of the local days, in seconds.
    public let utcOffset: Int
    /// The working weekdays, 1 = Sunday ... 7 = Saturday.
    public let workingWeekdays: Set<Int>
    /// Days that are not working days although they fall on a working weekday (or are listed
    /// anyway, for completeness).
    public let holidays: Set<LocalDate>

    /// Creates a calendar.
    ///
    /// - Parameters:
    ///   - holidays: Public holidays and other non-working days.
    ///   - workingWeekdays: 1 = Sunday ... 7 = Saturday; Monday–Friday by default.
    ///   - utcOffset: The local offset from UTC in seconds; UTC+8 (Macau) by default.
    /// - Throws: ``CaseError/invalidCalendar(_:)`` for an empty or out-of-range weekday set or an
    ///   offset beyond ±18 hours.
    public init(
        holidays: some Sequence<LocalDate> = [],
        workingWeekdays: Set<Int> = WorkingCalendar.mondayToFriday,
        utcOffset: Int = WorkingCalendar.macauUTCOffset
    ) throws(CaseError) {
        guard !workingWeekdays.isEmpty, workingWeekdays.allSatisfy({ (1...7).contains($0) }) else {
            throw .invalidCalendar("working weekdays must be a non-empty subset of 1...7")
        }
        guard abs(utcOffset) <= 18 * 3600 else { throw .invalidCalendar("UTC offset beyond ±18 hours") }
        self.holidays = Set(holidays)
        self.workingWeekdays = workingWeekdays
        self.utcOffset = utcOffset
    }

    /// Creates a calendar from holidays written as ISO 8601 dates (`yyyy-MM-dd`).
    ///
    /// - Throws: ``CaseError/invalidDate(_:)`` for a malformed date, or the errors of
    ///   ``init(holidays:workingWeekdays:utcOffset:)``.
    public init(
        isoHolidays: [String],
        workingWeekdays: Set<Int> = WorkingCalendar.mondayToFriday,
        utcOffset: Int = WorkingCalendar.macauUTCOffset
    ) throws(CaseError) {
        var dates: [LocalDate] = []
        for text in isoHolidays { dates.append(try LocalDate(iso8601: text)) }
        try self.init(holidays: dates, workingWeekdays: workingWeekdays, utcOffset: utcOffset)
    }

    /// Creates a calendar without validation, for known-good constants.
    init(unchecked holidays: Set<LocalDate>, workingWeekdays: Set<Int>, utcOffset: Int) {
        self.holidays = holidays
        self.workingWeekdays = workingWeekdays
        self.utcOffset = utcOffset
    }

    // MARK: Local days

    /// The local day of `date`.
    public func localDate(of date: Date) -> LocalDate { LocalDate(dayNumber: dayNumber(of: date)) }

    /// The instant at which the local day `day` begins.
    public func startOfDay(_ day: LocalDate) -> Date {
        Date(timeIntervalSince1970: Double(day.dayNumber) * 86_400 - Double(utcOffset))
    }

    /// Whether the local day is a working day.
    public func isWorkingDay(_ day: LocalDate) -> Bool { isWorking(day.dayNumber) }

    /// Whether the local day of `date` is a working day.
    public func isWorkingDay(_ date: Date) -> Bool { isWorking(dayNumber(of: date)) }

    // MARK: Arithmetic on instants

    /// The same local time of day on the `n`-th working day after the local day of `date`
    /// (before it, for negative `n`; `date` itself for zero). `n` is clamped to
    /// ±``maximumDayCount``.
    public func addingWorkingDays(_ n: Int, to date: Date) -> Date {
        let start = dayNumber(of: date)
        let target = addingDays(n, .working, toDay: start)
        return date.addingTimeInterval(Double(target - start) * 86_400)
    }

    /// The number of working days after the local day of `from` up to and including the local day
    /// of `to`; negative when `to` is on an earlier day.
    public func workingDays(from: Date, to: Date) -> Int {
        days(.working, fromDay: dayNumber(of: from), toDay: dayNumber(of: to))
    }

    /// ``addingWorkingDays(_:to:)`` for working days, or the same local time `n` calendar days
    /// later for calendar days.
    public func adding(_ n: Int, _ kind: DayKind, to date: Date) -> Date {
        let start = dayNumber(of: date)
        let target = addingDays(n, kind, toDay: start)
        return date.addingTimeInterval(Double(target - start) * 86_400)
    }

    /// ``workingDays(from:to:)`` for working days, or the signed difference between the local
    /// days for calendar days.
    public func days(_ kind: DayKind, from: Date, to: Date) -> Int {
        days(kind, fromDay: dayNumber(of: from), toDay: dayNumber(of: to))
    }

    // MARK: Arithmetic on local days

    /// The `n`-th day of the given kind after `day` (before it, for negative `n`).
    public func adding(_ n: Int, _ kind: DayKind, to day: LocalDate) -> LocalDate {
        LocalDate(dayNumber: addingDays(n, kind, toDay: day.dayNumber))
    }

    /// The number of days of the given kind after `from` up to and including `to` (negative when
    /// `to` is earlier).
    public func days(_ kind: DayKind, from: LocalDate, to: LocalDate) -> Int {
        days(kind, fromDay: from.dayNumber, toDay: to.dayNumber)
    }

    // MARK: Internals

    /// Local days since 1970-01-01, clamped to a range where the arithmetic cannot overflow.
    func dayNumber(of date: Date) -> Int {
        let days = ((date.timeIntervalSince1970 + Double(utcOffset)) / 86_400).rounded(.down)
        guard days.isFinite else { return days < 0 ? -100_000_000 : 100_000_000 }
        return Int(min(max(days, -100_000_000), 100_000_000))
    }

    private func isWorking(_ dayNumber: Int) -> Bool {
        let day = LocalDate(dayNumber: dayNumber)
        return workingWeekdays.contains(day.weekday) && !holidays.contains(day)
    }

    func addingDays(_ n: Int, _ kind: DayKind, toDay start: Int) -> Int {
        let n = min(max(n, -Self.maximumDayCount), Self.maximumDayCount)
        switch kind {
        case .calendar:
            return start + n
        case .working:
            var day = start
            var remaining = abs(n)
            let step = n < 0 ? -1 : 1
            while remaining > 0 {
                day += step
                if isWorking(day) { remaining -= 1 }
            }
            return day
        }
    }

    func days(_ kind: DayKind, fromDay a: Int, toDay b: Int) -> Int {
        switch kind {
        case .calendar:
            return b - a
        case .working:
            if b < a { return -days(.working, fromDay: b, toDay: a) }
            let span = b - a
            var count = span / 7 * workingWeekdays.count
            var day = a + span / 7 * 7
            while day < b {
                day += 1
                if workingWeekdays.contains(LocalDate(dayNumber: day).weekday) { count += 1 }
            }
            for holiday in holidays where workingWeekdays.contains(holiday.weekday) {
                let h = holiday.dayNumber
                if h > a, h <= b { count -= 1 }
            }
            return count
        }
    }

    private enum CodingKeys: String, CodingKey {
        case utcOffset, workingWeekdays, holidays
    }

    /// Decodes a calendar, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let offset = try container.decode(Int.self, forKey: .utcOffset)
        let weekdays = try container.decode(Set<Int>.self, forKey: .workingWeekdays)
        let holidays = try container.decode([LocalDate].self, forKey: .holidays)
        do {
            try self.init(holidays: holidays, workingWeekdays: weekdays, utcOffset: offset)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .workingWeekdays, in: container, debugDescription: error.reason)
        }
    }

    /// Encodes the calendar, holidays sorted.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(utcOffset, forKey: .utcOffset)
        try container.encode(workingWeekdays.sorted(), forKey: .workingWeekdays)
        try container.encode(holidays.sorted(), forKey: .holidays)
    }
}
