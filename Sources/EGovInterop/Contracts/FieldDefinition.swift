import EGovCore
import Foundation

/// One field of a request or response schema in a ``DataServiceContract``.
///
/// Names are `[A-Za-z][A-Za-z0-9_]*`, at most 64 characters, so that they are safe as JSON member
/// names, OpenAPI property names and consent/audit labels alike.
public struct FieldDefinition: Sendable, Hashable, Codable {
    /// The JSON types a field can have.
    public enum FieldType: String, Sendable, Codable, CaseIterable, Hashable {
        /// A JSON string.
        case string
        /// A JSON number without a fractional part.
        case integer
        /// Any JSON number.
        case number
        /// `true` or `false`.
        case boolean
        /// A string holding an RFC 3339 full-date (`2026-01-31`).
        case date
        /// A string holding an RFC 3339 date-time.
        case dateTime

        /// Whether `value` has this type (for `date`/`dateTime`, a string of that shape).
        public func accepts(_ value: JSONValue) -> Bool {
            switch (self, value) {
            case (.string, .string), (.number, .number), (.boolean, .bool): true
            case (.integer, .number(let number)): number.rounded() == number && abs(number) <= 9_007_199_254_740_992
            case (.date, .string(let text)): text.utf8.count == 10 && (try? Date(text + "T00:00:00Z", strategy: .iso8601)) != nil
            case (.dateTime, .string(let text)): (try? Date(text, strategy: .iso8601)) != nil
            default: false
            }
        }
    }

    /// The longest field name.
    public static let maximumNameLength = 64

    /// The field's name.
    public var name: String
    /// Its type.
    public var type: FieldType
    /// Whether it must be present.
    public var required: Bool
    /// Whether it holds personal data (for the documentation and the audit of disclosures).
    public var personalData: Bool
    /// What it means.
    public var description: LocalizedText?

    /// Creates a field.
    public init(
        name: String, type: FieldType, required: Bool = false, personalData: Bool = false,
        description: LocalizedText? = nil
    ) {
        self.name = name
        self.type = type
        self.required = required
        self.personalData = personalData
        self.description = description
    }

    private enum CodingKeys: String, CodingKey { case name, type, required, personalData, description }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        type = try container.decode(FieldType.self, forKey: .type)
        required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
        personalData = try container.decodeIfPresent(Bool.self, forKey: .personalData) ?? false
        description = try container.decodeIfPresent(LocalizedText.self, forKey: .description)
    }

    /// Whether `name` is a well-formed field name.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maximumNameLength else { return false }
        guard (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(first) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first)
        else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                true
            default: false
            }
        }
    }
}
