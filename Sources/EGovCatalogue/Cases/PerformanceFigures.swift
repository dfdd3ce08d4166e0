import Foundation

/// Service performance figures per service or per department over a time window, exportable as
/// JSON and CSV.
///
/// Two populations, both half-open windows `[from, to)`:
/// - *submitted*: cases submitted in the window — counts, online share and fully online share;
/// - *completed*: accepted cases decided in the window — on-time rate, processing times and
///   supplement rate.
///
/// Processing time is the number of working days (on the given calendar, whatever the limit's
/// kind) from acceptance to decision, minus the working days spent in supplement pauses. The 90th
/// percentile uses the nearest-rank method: the `⌈0.9·n⌉`-th smallest value. Rates and averages
/// are `nil` when their population is empty.
public struct PerformanceFigures: Sendable, Hashable, Codable {
    /// What the rows are grouped by.
    public enum Grouping: String, Sendable, Hashable, Codable, CaseIterable {
        /// One row per ``ApplicationCase/serviceID``.
        case service
        /// One row per ``ApplicationCase/departmentID``.
        case department
    }

    /// The figures of one service or department.
    public struct Row: Sendable, Hashable, Codable {
        /// The service or department identifier.
        public let key: String
        /// Cases submitted in the window.
        public let submitted: Int
        /// Of those, submitted online or through the app.
        public let submittedOnline: Int
        /// Of those, handled fully online.
        public let submittedFullyOnline: Int
        /// Of those, refused at intake.
        public let refusedAtIntake: Int
        /// Of those, withdrawn.
        public let withdrawn: Int
        /// Accepted cases decided in the window.
        public let completed: Int
        /// Of those, decided by their deadline.
        public let completedOnTime: Int
        /// Of those, with at least one supplement request.
        public let completedWithSupplement: Int
        /// `completedOnTime / completed`.
        public let onTimeRate: Double?
        /// Mean processing time of the completed cases, in working days excluding pauses.
        public let averageProcessingDays: Double?
        /// 90th percentile (nearest rank) of the processing times, in working days.
        public let p90ProcessingDays: Int?
        /// `submittedOnline / submitted`.
        public let onlineShare: Double?
        /// `submittedFullyOnline / submitted`.
        public let fullyOnlineShare: Double?
        /// `completedWithSupplement / completed`.
        public let supplementRate: Double?
    }

    /// The grouping of ``rows``.
    public let grouping: Grouping
    /// The start of the window (inclusive).
    public let from: Date
    /// The end of the window (exclusive).
    public let to: Date
    /// One row per key that has submitted or completed cases in the window, sorted by key.
    public let rows: [Row]

    /// Computes the figures.
    public init(
        cases: [ApplicationCase], grouping: Grouping, from: Date, to: Date, calendar: WorkingCalendar
    ) {
        func key(_ applicationCase: ApplicationCase) -> String {
            grouping == .service ? applicationCase.serviceID : applicationCase.departmentID
        }
        let window = { (date: Date) in date >= from && date < to }
        let groups = Dictionary(grouping: cases, by: key)
        var rows: [Row] = []
        for (groupKey, group) in groups {
            let submitted = group.filter { window($0.submittedAt) }
            var processing: [Int] = []
            var onTime = 0
            var withSupplement = 0
            for applicationCase in group {
                guard let decidedAt = applicationCase.decidedAt, window(decidedAt),
                    let acceptedAt = applicationCase.acceptedAt,
                    let deadline = CaseDeadline(for: applicationCase, calendar: calendar)
                else { continue }
                var days = calendar.workingDays(from: acceptedAt, to: decidedAt)
                for pause in applicationCase.pauses {
                    days -= calendar.workingDays(from: pause.requestedAt, to: pause.endedAt ?? decidedAt)
                }
                processing.append(max(0, days))
                if !deadline.isOverdue(at: decidedAt) { onTime += 1 }
                if applicationCase.supplementRequestCount > 0 { withSupplement += 1 }
            }
            guard !submitted.isEmpty || !processing.isEmpty else { continue }
            let online = submitted.count(where: { $0.channel.isOnline })
            let fullyOnline = submitted.count(where: { $0.isFullyOnline })
            func rate(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }
            let sorted = processing.sorted()
            let p90: Int? =
                sorted.isEmpty ? nil : sorted[max(0, Int((0.9 * Double(sorted.count)).rounded(.up)) - 1)]
            rows.append(
                Row(
                    key: groupKey, submitted: submitted.count, submittedOnline: online,
                    submittedFullyOnline: fullyOnline,
                    refusedAtIntake: submitted.count(where: { $0.transitions.contains { $0.to == .refusedAtIntake } }),
                    withdrawn: submitted.count(where: { $0.withdrawnAt != nil }),
                    completed: processing.count, completedOnTime: onTime, completedWithSupplement: withSupplement,
                    onTimeRate: rate(onTime, processing.count),
                    averageProcessingDays: processing.isEmpty
                        ? nil : Double(processing.reduce(0, +)) / Double(processing.count),
                    p90ProcessingDays: p90, onlineShare: rate(online, submitted.count),
                    fullyOnlineShare: rate(fullyOnline, submitted.count),
                    supplementRate: rate(withSupplement, processing.count)))
        }
        self.grouping = grouping
        self.from = from
        self.to = to
        self.rows = rows.sorted { $0.key < $1.key }
    }

    /// The figures as JSON (sorted keys, ISO 8601 dates).
    ///
    /// - Throws: ``CaseError/exportFailed(_:)`` if encoding fails.
    public func json() throws(CaseError) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        encoder.dateEncodingStrategy = .iso8601
        do {
            return try encoder.encode(self)
        } catch {
            throw .exportFailed("the figures could not be encoded as JSON")
        }
    }

    /// The CSV header fields, in column order.
    public static let csvHeader: [String] = [
        "grouping", "key", "submitted", "submittedOnline", "submittedFullyOnline", "refusedAtIntake", "withdrawn",
        "completed", "completedOnTime", "completedWithSupplement", "onTimeRate", "averageProcessingDays",
        "p90ProcessingDays", "onlineShare", "fullyOnlineShare", "supplementRate",
    ]

    /// The figures as RFC 4180 CSV: a header row, then one record per row; CRLF line breaks;
    /// fields containing a comma, a double quote, CR or LF are quoted with inner quotes doubled;
    /// the key column is guarded against formula injection (``csvTextField(_:)``).
    /// Missing values are empty fields; numbers use `.` as the decimal separator.
    public func csv() -> String {
        var lines = [Self.csvHeader.map(Self.csvField).joined(separator: ",")]
        func number(_ value: Double?) -> String { value.map { String($0) } ?? "" }
        for row in rows {
            let fields: [String] = [
                grouping.rawValue, Self.csvTextField(row.key), String(row.submitted), String(row.submittedOnline),
                String(row.submittedFullyOnline), String(row.refusedAtIntake), String(row.withdrawn),
                String(row.completed), String(row.completedOnTime), String(row.completedWithSupplement),
                number(row.onTimeRate), number(row.averageProcessingDays),
                row.p90ProcessingDays.map { String($0) } ?? "",
                number(row.onlineShare), number(row.fullyOnlineShare), number(row.supplementRate),
            ]
            lines.append(fields.map(Self.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A free-text value made safe for spreadsheets before ``csvField(_:)`` quotes it: a value
    /// starting with `=`, `+`, `-`, `@`, tab or CR, which a spreadsheet would run as a formula
    /// (CSV injection), gets a leading `'` (OWASP's recommendation). Numbers are not passed
    /// through this, so they stay numeric.
    public static func csvTextField(_ value: String) -> String {
        guard let first = value.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return value }
        return "'" + value
    }

    /// One RFC 4180 field, quoted if it contains a comma, a double quote, CR or LF.
    public static func csvField(_ value: String) -> String {
        let needsQuotes = value.unicodeScalars.contains { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }
        guard needsQuotes else { return value }
        return "\"" + value.replacing("\"", with: "\"\"") + "\""
    }
}
