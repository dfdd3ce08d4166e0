/// One part of an X-Road identifier: an instance, member class, member code, subsystem code,
/// service code or service version.
///
/// X-Road's Message Protocol for REST (PR-REST section 4.8) limits identifier values to the
/// letters `A–Z a–z`, the digits `0–9` and the symbols `' ( ) + , - . = ?`. EGovKit enforces that
/// set, a length of 1 to ``maximumLength`` characters, and additionally refuses `.` and `..`
/// (they would be URL dot-segments). Comparison is exact (case-sensitive), as in X-Road.
public struct XRoadCode: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The longest accepted part, in characters.
    public static let maximumLength = 255

    /// The value.
    public let rawValue: String

    /// Validates `value` as the identifier part named `part` (used in error reasons).
    public init(_ value: String, part: String = "identifier part") throws(XRoadIdentifierError) {
        let bytes = Array(value.utf8)
        guard !bytes.isEmpty else { throw .emptyPart(part) }
        guard bytes.count <= Self.maximumLength else { throw .partTooLong(part, limit: Self.maximumLength) }
        guard bytes.allSatisfy(Self.isAllowed) else { throw .invalidCharacter(part) }
        guard value != ".", value != ".." else { throw .dotSegment(part) }
        rawValue = value
    }

    /// Whether `byte` is in the PR-REST 4.8 character set.
    static func isAllowed(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        case UInt8(ascii: "'"), UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "+"), UInt8(ascii: ","),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "="), UInt8(ascii: "?"):
            true
        default: false
        }
    }

    /// Decodes one percent-encoded part (PR-REST 4.2) and validates it.
    static func decoding(_ encoded: Substring, part: String) throws(XRoadIdentifierError) -> XRoadCode {
        let bytes = Array(encoded.utf8)
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "%") {
                guard index + 2 < bytes.count, let high = hexValue(bytes[index + 1]), let low = hexValue(bytes[index + 2])
                else { throw .invalidPercentEncoding(part) }
                output.append(high << 4 | low)
                index += 3
            } else {
                output.append(byte)
                index += 1
            }
        }
        guard let text = String(validating: output, as: UTF8.self) else { throw .invalidPercentEncoding(part) }
        return try XRoadCode(text, part: part)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    /// The part percent-encoded for a URL path segment or header part (RFC 3986 section 2.1):
    /// every byte outside the unreserved set and the sub-delimiters `' ( ) + , =` is escaped, so
    /// `?` becomes `%3F`.
    public var percentEncoded: String {
        var output = ""
        for byte in rawValue.utf8 {
            switch byte {
            case UInt8(ascii: "?"): output += "%3F"
            default: output.unicodeScalars.append(Unicode.Scalar(byte))
            }
        }
        return output
    }

    public var description: String { rawValue }

    public static func < (lhs: XRoadCode, rhs: XRoadCode) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
