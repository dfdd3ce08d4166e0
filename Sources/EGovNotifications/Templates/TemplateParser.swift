/// Parses GOV.UK Notify-style template text into literal text, placeholders and conditionals.
///
/// Grammar, scanned over UTF-8 bytes:
/// - `((name))` is a placeholder; `((name??text))` a conditional whose `text` is literal;
/// - a placeholder ends at the first `))`; a `((` inside one, a `((` never closed, a stray `))`,
///   or content that is not a valid name (optionally followed by `??` and non-empty text) is an
///   error at that byte offset;
/// - `(((name)))` is a literal `(`, the placeholder, and a literal `)`.
///
/// Parsing happens once, on the template only; personalisation values are substituted into
/// the parsed tokens afterwards and are never parsed, so a value cannot inject syntax.
struct TemplateParser {
    /// One piece of parsed template text.
    enum Token: Hashable, Sendable {
        /// Text shown as is.
        case literal(String)
        /// `((name))`.
        case placeholder(String)
        /// `((name??text))`.
        case conditional(String, String)
    }

    /// The byte offset of a syntax error.
    struct SyntaxError: Error {
        /// The UTF-8 byte offset where the problem starts.
        var offset: Int
    }

    /// Parses `text` into tokens.
    static func parse(_ text: String) throws(SyntaxError) -> [Token] {
        let bytes = Array(text.utf8)
        let open = UInt8(ascii: "(")
        let close = UInt8(ascii: ")")
        var tokens: [Token] = []
        var literalStart = 0
        var index = 0
        func isPair(_ at: Int, _ byte: UInt8) -> Bool {
            at + 1 < bytes.count && bytes[at] == byte && bytes[at + 1] == byte
        }
        while index < bytes.count {
            if isPair(index, open) {
                if index + 2 < bytes.count, bytes[index + 2] == open {
                    index += 1  // `(((`: the first `(` is literal.
                    continue
                }
                var end = index + 2
                while end < bytes.count, !isPair(end, close) {
                    if isPair(end, open) { throw SyntaxError(offset: end) }
                    end += 1
                }
                guard end < bytes.count else { throw SyntaxError(offset: index) }
                guard let token = makeToken(Array(bytes[(index + 2)..<end])) else {
                    throw SyntaxError(offset: index)
                }
                if literalStart < index {
                    tokens.append(.literal(String(decoding: bytes[literalStart..<index], as: UTF8.self)))
                }
                tokens.append(token)
                index = end + 2
                literalStart = index
            } else if isPair(index, close) {
                throw SyntaxError(offset: index)
            } else {
                index += 1
            }
        }
        if literalStart < bytes.count {
            tokens.append(.literal(String(decoding: bytes[literalStart...], as: UTF8.self)))
        }
        return tokens
    }

    private static func makeToken(_ inner: [UInt8]) -> Token? {
        let question = UInt8(ascii: "?")
        var split: Int?
        var position = 0
        while position + 1 < inner.count {
            if inner[position] == question, inner[position + 1] == question {
                split = position
                break
            }
            position += 1
        }
        guard let split else {
            let name = String(decoding: inner, as: UTF8.self)
            return PlaceholderSpec.isValidName(name) ? .placeholder(name) : nil
        }
        let name = String(decoding: inner[..<split], as: UTF8.self)
        let text = String(decoding: inner[(split + 2)...], as: UTF8.self)
        guard PlaceholderSpec.isValidName(name), !text.isEmpty else { return nil }
        return .conditional(name, text)
    }
}
