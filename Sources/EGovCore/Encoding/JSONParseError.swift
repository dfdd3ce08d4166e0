/// Why JSON text was rejected, and where.
public struct JSONParseError: EGovError, Equatable {
    /// The kinds of problem the strict JSON parser reports.
    public enum Kind: Sendable, Equatable {
        /// The input is larger than the byte limit.
        case tooLarge(limit: Int)
        /// Arrays/objects are nested deeper than the limit.
        case tooDeep(limit: Int)
        /// A string is longer than the limit, in UTF-8 bytes.
        case stringTooLong(limit: Int)
        /// The input ends before the value is complete (includes empty input).
        case unexpectedEndOfInput
        /// A byte that cannot start or continue a value here (includes `NaN`, `Infinity`, a BOM).
        case unexpectedCharacter
        /// Non-whitespace follows the top-level value.
        case trailingData
        /// A malformed number (leading zero, missing digits, `+` sign, …).
        case invalidNumber
        /// A number too large for a double, or an integer a double cannot hold exactly
        /// (RFC 7493 section 2.2): it is refused rather than silently changed.
        case numberOutOfRange
        /// A string contains an invalid UTF-8 sequence.
        case invalidUTF8
        /// A string contains an unknown escape or malformed `\u` escape.
        case invalidEscape
        /// A `\u` escape encodes an unpaired UTF-16 surrogate.
        case loneSurrogate
        /// A string contains an unescaped control character (U+0000–U+001F).
        case controlCharacterInString
        /// An object repeats a member name.
        case duplicateKey
    }

    /// What was wrong.
    public let kind: Kind
    /// The byte offset in the input where the problem was found.
    public let offset: Int
    /// The repeated member name, for ``Kind/duplicateKey``; otherwise `nil`.
    public let memberName: String?

    /// Creates a parse error.
    public init(kind: Kind, offset: Int, memberName: String? = nil) {
        self.kind = kind
        self.offset = offset
        self.memberName = memberName
    }

    /// Equal when the kind and the offset are: the member name follows from the input at that offset.
    public static func == (lhs: JSONParseError, rhs: JSONParseError) -> Bool {
        lhs.kind == rhs.kind && lhs.offset == rhs.offset
    }

    /// A stable machine-readable code.
    public var code: String {
        switch kind {
        case .tooLarge: "core.json.too_large"
        case .tooDeep: "core.json.too_deep"
        case .stringTooLong: "core.json.string_too_long"
        case .unexpectedEndOfInput: "core.json.unexpected_end"
        case .unexpectedCharacter: "core.json.unexpected_character"
        case .trailingData: "core.json.trailing_data"
        case .invalidNumber: "core.json.invalid_number"
        case .numberOutOfRange: "core.json.number_out_of_range"
        case .invalidUTF8: "core.json.invalid_utf8"
        case .invalidEscape: "core.json.invalid_escape"
        case .loneSurrogate: "core.json.lone_surrogate"
        case .controlCharacterInString: "core.json.control_character"
        case .duplicateKey: "core.json.duplicate_key"
        }
    }

    /// A readable explanation of what was wrong and where.
    public var reason: String {
        let what: String =
            switch kind {
            case .tooLarge(let limit): "input exceeds the limit of \(limit) bytes"
            case .tooDeep(let limit): "nesting exceeds the limit of \(limit) levels"
            case .stringTooLong(let limit): "a string exceeds the limit of \(limit) bytes"
            case .unexpectedEndOfInput: "the input ends before the JSON value is complete"
            case .unexpectedCharacter: "unexpected character"
            case .trailingData: "data follows the JSON value"
            case .invalidNumber: "malformed number"
            case .numberOutOfRange: "number is too large to represent"
            case .invalidUTF8: "invalid UTF-8"
            case .invalidEscape: "invalid escape sequence in string"
            case .loneSurrogate: "\\u escape encodes an unpaired surrogate"
            case .controlCharacterInString: "unescaped control character in string"
            case .duplicateKey: "duplicate object member name" + (memberName.map { " " + Self.quoted($0) } ?? "")
            }
        return "\(what) at byte offset \(offset)"
    }

    /// A member name for a reason: quoted, at most 64 characters (then `…`), with quotes,
    /// backslashes and anything outside printable ASCII escaped, so a hostile name cannot forge
    /// log lines.
    static func quoted(_ name: String) -> String {
        var text = "\""
        for (index, scalar) in name.unicodeScalars.enumerated() {
            if index == 64 {
                text += "…"
                break
            }
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case _ where (0x20...0x7E).contains(scalar.value): text.unicodeScalars.append(scalar)
            default: text += "\\u{\(String(scalar.value, radix: 16))}"
            }
        }
        return text + "\""
    }
}
