import Foundation

/// The JSON Canonicalization Scheme (JCS, RFC 8785).
///
/// Canonical JSON has no insignificant whitespace, object members sorted by the UTF-16 code units
/// of their names, strings escaped exactly as ECMAScript's `JSON.stringify` does (only `\b \t \n
/// \f \r \" \\` short escapes, other control characters as lowercase `\u00xx`, everything else as
/// literal UTF-8), and numbers in ECMAScript `Number.prototype.toString` form. Hashing or signing
/// the canonical bytes gives the same result for any two JSON texts with the same content.
public enum CanonicalJSON {
    /// Why a value could not be canonicalised.
    public enum SerializationError: EGovError, Equatable {
        /// A number is NaN or infinite, which JSON cannot represent.
        case nonFiniteNumber
        /// `JSONEncoder` failed to encode the value; carries the type name, never the value.
        case encodingFailed(typeName: String)
        /// The input bytes are not strict JSON.
        case invalidJSON(JSONParseError)

        /// A stable machine-readable code.
        public var code: String {
            switch self {
            case .nonFiniteNumber: "core.canonical_json.non_finite_number"
            case .encodingFailed: "core.canonical_json.encoding_failed"
            case .invalidJSON: "core.canonical_json.invalid_json"
            }
        }

        /// A readable explanation of what was wrong.
        public var reason: String {
            switch self {
            case .nonFiniteNumber: "a number is NaN or infinite"
            case .encodingFailed(let typeName): "a value of type \(typeName) could not be encoded as JSON"
            case .invalidJSON(let error): "the input is not valid JSON: \(error.reason)"
            }
        }
    }

    /// The canonical UTF-8 bytes of a JSON value.
    ///
    /// - Throws: ``SerializationError/nonFiniteNumber`` if the value contains NaN or an infinity.
    public static func serialize(_ value: JSONValue) throws(SerializationError) -> [UInt8] {
        var output: [UInt8] = []
        try write(value, into: &output)
        return output
    }

    /// Parses strict JSON (see ``JSONValue/parse(_:limits:)-(String,_)``) and returns its canonical form.
    public static func canonicalize<Bytes: Collection>(
        _ bytes: Bytes, limits: JSONValue.Limits = .default
    )
        throws(SerializationError) -> [UInt8] where Bytes.Element == UInt8
    {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, limits: limits)
        } catch {
            throw .invalidJSON(error)
        }
        return try serialize(value)
    }

    /// Encodes a value with `JSONEncoder`, then canonicalises the result.
    ///
    /// The value's `Encodable` conformance (and the encoder's default strategies, e.g. dates as
    /// seconds since 2001) decides the JSON shape; canonicalisation then fixes member order,
    /// whitespace, escaping and number formatting.
    public static func data(for value: some Encodable) throws(SerializationError) -> [UInt8] {
        let encoded: Data
        do {
            encoded = try JSONEncoder().encode(value)
        } catch {
            throw .encodingFailed(typeName: String(describing: type(of: value)))
        }
        return try canonicalize(
            encoded,
            limits: JSONValue.Limits(
                maximumBytes: Int.max, maximumDepth: 512, maximumStringBytes: Int.max))
    }

    private static func write(_ value: JSONValue, into output: inout [UInt8])
        throws(SerializationError)
    {
        switch value {
        case .null: output.append(contentsOf: Array("null".utf8))
        case .bool(let flag): output.append(contentsOf: Array((flag ? "true" : "false").utf8))
        case .number(let number):
            guard let text = ECMAScriptNumber.format(number) else { throw .nonFiniteNumber }
            output.append(contentsOf: Array(text.utf8))
        case .string(let string): writeString(string, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                try write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                if let member = members[key] { try write(member, into: &output) }
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ string: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x22: output.append(contentsOf: [0x5C, 0x22])
            case 0x5C: output.append(contentsOf: [0x5C, 0x5C])
            case 0x00..<0x20:
                output.append(contentsOf: [0x5C, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
