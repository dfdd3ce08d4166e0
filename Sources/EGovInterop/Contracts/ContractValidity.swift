import EGovCore
import Foundation

/// The period a contract is in force: from ``from`` (inclusive) until ``until`` (exclusive).
///
/// JSON: `{"from": "2026-01-01T00:00:00Z", "until": "2027-01-01T00:00:00Z"}` (RFC 3339, UTC or
/// with an offset).
public struct ContractValidity: Sendable, Hashable, Codable {
    /// Start, inclusive.
    public var from: Date
    /// End, exclusive.
    public var until: Date

    /// Creates a period.
    public init(from: Date, until: Date) {
        self.from = from
        self.until = until
    }

    /// Whether `date` is within the period.
    public func contains(_ date: Date) -> Bool { date >= from && date < until }

    private enum CodingKeys: String, CodingKey { case from, until }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        from = try Self.date(container, .from)
        until = try Self.date(container, .until)
    }

    private static func date(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> Date {
        let text = try container.decode(String.self, forKey: key)
        guard let date = RFC3339Time.parse(text, precision: .seconds) else {
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container, debugDescription: "\(key.rawValue) is not an RFC 3339 date-time")
        }
        return date
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(RFC3339Time.format(from, precision: .seconds), forKey: .from)
        try container.encode(RFC3339Time.format(until, precision: .seconds), forKey: .until)
    }
}
