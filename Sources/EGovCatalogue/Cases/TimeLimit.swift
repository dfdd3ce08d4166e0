/// A statutory or pledged processing time limit: a number of days, counted as working or calendar
/// days.
///
/// The number of days is written as an ISO 8601 duration of whole days (`P15D`) or weeks (`P2W`).
/// This type is deliberately independent of the catalogue model: a service refers to it, not the
/// other way round.
public struct TimeLimit: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The longest accepted limit, in days (about ten years).
    public static var maximumDays: Int { 3650 }

    /// The number of days.
    public let days: Int
    /// Whether ``days`` are working or calendar days.
    public let dayKind: DayKind

    /// Creates a limit of `days` days of the given kind.
    ///
    /// - Throws: ``CaseError/invalidTimeLimit(_:)`` unless `1 <= days <= maximumDays`.
    public init(days: Int, dayKind: DayKind) throws(CaseError) {
        guard days >= 1, days <= Self.maximumDays else {
            throw .invalidTimeLimit("days must be between 1 and \(Self.maximumDays)")
        }
        self.days = days
        self.dayKind = dayKind
    }

    /// Parses an ISO 8601 duration of whole days (`P15D`) or weeks (`P2W`).
    ///
    /// - Throws: ``CaseError/invalidTimeLimit(_:)`` for any other form or an out-of-range value.
    public init(iso8601 duration: String, dayKind: DayKind) throws(CaseError) {
        let scalars = Array(duration.unicodeScalars)
        guard scalars.count >= 3, scalars.count <= 8, scalars.first == "P",
            let unit = scalars.last, unit == "D" || unit == "W"
        else { throw .invalidTimeLimit("expected an ISO 8601 duration such as P15D or P2W") }
        var value = 0
        for scalar in scalars.dropFirst().dropLast() {
            guard scalar.value >= 0x30, scalar.value <= 0x39 else {
                throw .invalidTimeLimit("expected an ISO 8601 duration such as P15D or P2W")
            }
            value = value * 10 + Int(scalar.value - 0x30)
        }
        try self.init(days: unit == "W" ? value * 7 : value, dayKind: dayKind)
    }

    /// The limit as an ISO 8601 duration in days, e.g. `P15D`.
    public var iso8601: String { "P\(days)D" }

    /// E.g. `P15D (working days)`.
    public var description: String { "\(iso8601) (\(dayKind.rawValue) days)" }

    private enum CodingKeys: String, CodingKey {
        case duration, dayKind
    }

    /// Decodes `{"duration": "P15D", "dayKind": "working"}`, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let duration = try container.decode(String.self, forKey: .duration)
        let kind = try container.decode(DayKind.self, forKey: .dayKind)
        do {
            try self.init(iso8601: duration, dayKind: kind)
        } catch {
            throw DecodingError.dataCorruptedError(
                forKey: .duration, in: container, debugDescription: error.reason)
        }
    }

    /// Encodes as `{"duration": "P15D", "dayKind": "working"}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(iso8601, forKey: .duration)
        try container.encode(dayKind, forKey: .dayKind)
    }
}
