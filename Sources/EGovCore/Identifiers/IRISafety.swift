/// The one rule EGovKit applies to text it writes into an IRI: identifiers that become part of a
/// node IRI (`urn:egovkit:service:<id>`, …) and addresses that are written as IRIs.
///
/// An **IRI-safe identifier** is non-empty and uses only ASCII letters, digits and
/// `-._~!$&'()*+,;=:@`: the characters RFC 8141 allows unescaped in a URN's namespace-specific
/// string (RFC 3986 `pchar`) except `%`, so that no identifier needs — or can smuggle —
/// percent-encoding. `/` is refused as well, because EGovKit derives node IRIs such as
/// `<service>/rule/<id>` from identifiers and a `/` would make two identifiers share one IRI;
/// `?` and `#` would start a query or fragment. Spaces, `<`, `>`, `"`, `{`, `}`, `|`, `\`, `^`,
/// the backtick (U+0060) and non-ASCII characters are refused, not percent-encoded: URNs are ASCII, and encoding
/// would give one identifier two spellings. Text that fails the rule is rejected, never fixed up.
///
/// An **IRI reference** (``isIRIReference(_:)``) is the looser check for addresses written as
/// IRIs: no whitespace or control characters, none of `<>"{}|\^` and the backtick (U+0060), and every `%`
/// followed by two hexadecimal digits (RFC 3987 `ucschar` non-ASCII letters are allowed).
public enum IRISafety {
    /// The punctuation an IRI-safe identifier may use besides ASCII letters and digits.
    public static let identifierPunctuation = "-._~!$&'()*+,;=:@"

    private static let punctuation = Set(identifierPunctuation.utf8)

    /// The UTF-8 byte offset of the first character of `text` that an IRI-safe identifier may
    /// not contain, `0` for empty text, or `nil` if `text` is an IRI-safe identifier.
    public static func firstUnsafeIdentifierOffset(_ text: String) -> Int? {
        if text.isEmpty { return 0 }
        for (offset, byte) in text.utf8.enumerated() {
            let isAlphanumeric =
                (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
            if !isAlphanumeric && !punctuation.contains(byte) { return offset }
        }
        return nil
    }

    /// Whether `text` is an IRI-safe identifier.
    public static func isSafeIdentifier(_ text: String) -> Bool { firstUnsafeIdentifierOffset(text) == nil }

    /// Whether `text` can be written as an IRI (reference) as it is: non-empty, no whitespace or
    /// control characters, none of `<>"{}|\^` and the backtick (U+0060), and well-formed percent-encoding.
    public static func isIRIReference(_ text: String) -> Bool {
        guard !text.isEmpty else { return false }
        let excluded = Set("<>\"{}|\\^`".unicodeScalars)
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if scalar.properties.isWhitespace || scalar.properties.generalCategory == .control
                || excluded.contains(scalar)
            {
                return false
            }
            if scalar == "%" {
                guard index + 2 < scalars.count, scalars[index + 1].properties.isASCIIHexDigit,
                    scalars[index + 2].properties.isASCIIHexDigit
                else { return false }
            }
        }
        return true
    }
}
