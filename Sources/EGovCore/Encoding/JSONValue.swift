/// A JSON value (RFC 8259), as produced by the strict parser ``JSONValue/parse(_:limits:)-(String,_)``.
///
/// Numbers are IEEE 754 doubles, as in I-JSON (RFC 7493) and JCS (RFC 8785). The parser never
/// changes an integer silently: an integer literal that would not serialise back to the same
/// digits (e.g. 9007199254740993, beyond ±2^53) is refused. Objects are unordered; ``CanonicalJSON`` sorts members when serialising.
public enum JSONValue: Hashable, Sendable {
    /// `null`.
    case null
    /// `true` or `false`.
    case bool(Bool)
    /// A finite number.
    case number(Double)
    /// A string.
    case string(String)
    /// An array.
    case array([JSONValue])
    /// An object. Member names are unique.
    case object([String: JSONValue])

    /// Limits applied while parsing untrusted JSON.
    public struct Limits: Sendable, Equatable {
        /// The largest accepted input, in bytes (default 8 MiB).
        public var maximumBytes: Int
        /// The deepest accepted nesting of arrays and objects (default 64).
        public var maximumDepth: Int
        /// The longest accepted string or member name, in UTF-8 bytes after unescaping (default 1 MiB).
        public var maximumStringBytes: Int

        /// Creates parse limits.
        public init(
            maximumBytes: Int = 8 << 20, maximumDepth: Int = 64, maximumStringBytes: Int = 1 << 20
        ) {
            self.maximumBytes = maximumBytes
            self.maximumDepth = maximumDepth
            self.maximumStringBytes = maximumStringBytes
        }

        /// The default limits: 8 MiB input, depth 64, 1 MiB strings.
        public static let `default` = Limits()
    }

    /// Parses strict RFC 8259 JSON text.
    ///
    /// Rejects invalid UTF-8, a byte order mark, lone surrogates in `\u` escapes, duplicate member
    /// names (including names that are canonically equivalent Unicode), trailing data, leading
    /// zeros, `NaN`/`Infinity`, numbers that overflow a double, integers a double cannot hold
    /// exactly, unescaped control characters in
    /// strings, and input beyond `limits`.
    ///
    /// - Throws: ``JSONParseError`` with the byte offset of the problem.
    public static func parse<Bytes: Collection>(_ bytes: Bytes, limits: Limits = .default)
        throws(JSONParseError)
        -> JSONValue where Bytes.Element == UInt8
    {
        guard bytes.count <= limits.maximumBytes else {
            throw JSONParseError(kind: .tooLarge(limit: limits.maximumBytes), offset: 0)
        }
        var parser = JSONParser(bytes: Array(bytes), limits: limits)
        return try parser.parseDocument()
    }

    /// Parses strict RFC 8259 JSON from a string's UTF-8 bytes; see ``parse(_:limits:)``.
    public static func parse(_ text: String, limits: Limits = .default) throws(JSONParseError)
        -> JSONValue
    {
        try parse(Array(text.utf8), limits: limits)
    }

    /// The member `key` if this is an object, else `nil`.
    public subscript(key: String) -> JSONValue? {
        if case .object(let members) = self { return members[key] }
        return nil
    }
}
