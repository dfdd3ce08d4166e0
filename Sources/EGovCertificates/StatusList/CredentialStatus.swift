/// The status of a Referenced Token as recorded in a Token Status List
/// (draft-ietf-oauth-status-list, "Status Types").
///
/// Equality and hashing follow ``rawValue``, so `.applicationSpecific(1)` equals `.invalid`;
/// create values from list entries with ``init(rawValue:)``.
///
/// JSON (for reports): `"valid"`, `"invalid"`, `"suspended"`, or `"0xNN"` (two upper-case hex
/// digits) for any other value.
public enum CredentialStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    /// `0x00` VALID: the token is valid, correct or legal.
    case valid
    /// `0x01` INVALID: the token is revoked, annulled, taken back, recalled or cancelled. Final.
    case invalid
    /// `0x02` SUSPENDED: the token is temporarily invalid, hanging, debarred from privilege.
    case suspended
    /// Any other value: `0x03` and `0x0C`–`0x0F` are application-specific, the rest reserved.
    case applicationSpecific(UInt8)

    /// The status for a list entry's value.
    public init(rawValue: UInt8) {
        switch rawValue {
        case 0x00: self = .valid
        case 0x01: self = .invalid
        case 0x02: self = .suspended
        default: self = .applicationSpecific(rawValue)
        }
    }

    /// The value stored in the list.
    public var rawValue: UInt8 {
        switch self {
        case .valid: 0x00
        case .invalid: 0x01
        case .suspended: 0x02
        case .applicationSpecific(let value): value
        }
    }

    /// The report name: `valid`, `invalid`, `suspended`, or `0xNN`.
    public var name: String {
        switch CredentialStatus(rawValue: rawValue) {
        case .valid: return "valid"
        case .invalid: return "invalid"
        case .suspended: return "suspended"
        case .applicationSpecific(let value):
            let digits = Array("0123456789ABCDEF")
            return "0x" + String(digits[Int(value >> 4)]) + String(digits[Int(value & 0x0F)])
        }
    }

    /// The report name (see ``name``).
    public var description: String { name }

    /// Whether two statuses have the same ``rawValue``.
    public static func == (lhs: CredentialStatus, rhs: CredentialStatus) -> Bool { lhs.rawValue == rhs.rawValue }

    /// Hashes the ``rawValue``.
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// Decodes a report name (see ``name``); anything else is refused.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        switch text {
        case "valid": self = .valid
        case "invalid": self = .invalid
        case "suspended": self = .suspended
        default:
            let utf8 = Array(text.utf8)
            guard utf8.count == 4, text.hasPrefix("0x"),
                utf8.dropFirst(2).allSatisfy({ (0x30...0x39).contains($0) || (0x41...0x46).contains($0) }),
                let value = UInt8(text.dropFirst(2), radix: 16), value > 0x02
            else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "not a credential status name")
            }
            self = .applicationSpecific(value)
        }
    }

    /// Encodes the report name (see ``name``).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
