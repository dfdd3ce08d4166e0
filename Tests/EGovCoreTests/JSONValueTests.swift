import EGovCore
import Testing

@Suite struct JSONValueTests {
    @Test func parsesAllValueKinds() throws {
        let value = try JSONValue.parse(
            #" {"a": [1, -2.5e3, true, false, null, "x\u00e9\ud83d\ude00\n"], "b": {}} "#)
        #expect(
            value
                == .object([
                    "a": .array([
                        .number(1), .number(-2500), .bool(true), .bool(false), .null, .string("xé😀\n"),
                    ]),
                    "b": .object([:]),
                ]))
        #expect(value["b"] == .object([:]))
        #expect(try JSONValue.parse("0") == .number(0))
        #expect(try JSONValue.parse("-0.0e-0") == .number(-0.0))
        #expect(try JSONValue.parse("\"\\/\\b\\f\\r\\t\"") == .string("/\u{8}\u{C}\r\t"))
        #expect(try JSONValue.parse("[]") == .array([]))
        #expect(try JSONValue.parse("1e-400") == .number(0))
    }

    @Test func acceptsValidMultibyteUTF8() throws {
        #expect(try JSONValue.parse("\"澳門 ö 😀 \u{10FFFF}\"") == .string("澳門 ö 😀 \u{10FFFF}"))
    }

    static let malformed: [(String, [UInt8], JSONParseError.Kind, Int)] = [
        ("empty", [], .unexpectedEndOfInput, 0),
        ("whitespace only", " ".bytes, .unexpectedEndOfInput, 1),
        ("trailing data", "1 2".bytes, .trailingData, 2),
        ("trailing comma in array", "[1,]".bytes, .unexpectedCharacter, 3),
        ("trailing comma in object", #"{"a":1,}"#.bytes, .unexpectedCharacter, 7),
        ("missing colon", #"{"a" 1}"#.bytes, .unexpectedCharacter, 5),
        ("unquoted key", "{a:1}".bytes, .unexpectedCharacter, 1),
        ("single quotes", "'a'".bytes, .unexpectedCharacter, 0),
        ("unterminated array", "[1".bytes, .unexpectedEndOfInput, 2),
        ("unterminated string", "\"abc".bytes, .unexpectedEndOfInput, 4),
        ("leading zero", "01".bytes, .invalidNumber, 1),
        ("negative leading zero", "-012".bytes, .invalidNumber, 2),
        ("plus sign", "+1".bytes, .unexpectedCharacter, 0),
        ("bare minus", "-".bytes, .invalidNumber, 1),
        ("dot without digits", "1.".bytes, .invalidNumber, 2),
        ("leading dot", ".5".bytes, .unexpectedCharacter, 0),
        ("exponent without digits", "1e".bytes, .invalidNumber, 2),
        ("exponent sign without digits", "1e+".bytes, .invalidNumber, 3),
        ("NaN", "NaN".bytes, .unexpectedCharacter, 0),
        ("Infinity", "Infinity".bytes, .unexpectedCharacter, 0),
        ("negative Infinity", "-Infinity".bytes, .invalidNumber, 1),
        ("overflow", "1e400".bytes, .numberOutOfRange, 0),
        ("hex number", "0x10".bytes, .trailingData, 1),
        ("bad literal", "tru".bytes, .unexpectedEndOfInput, 3),
        ("bad literal letter", "nul1".bytes, .unexpectedCharacter, 3),
        ("raw newline in string", "\"a\nb\"".bytes, .controlCharacterInString, 2),
        ("raw NUL in string", [0x22, 0x00, 0x22], .controlCharacterInString, 1),
        ("unknown escape", #""\x""#.bytes, .invalidEscape, 1),
        ("short unicode escape", #""\u12""#.bytes, .invalidEscape, 1),
        ("non-hex unicode escape", #""\u12G4""#.bytes, .invalidEscape, 1),
        ("lone high surrogate", #""\ud800""#.bytes, .loneSurrogate, 1),
        ("high surrogate then text", #""\ud800abc""#.bytes, .loneSurrogate, 1),
        ("lone low surrogate", #""\udc00""#.bytes, .loneSurrogate, 1),
        ("high surrogate then non-low", #""\ud800\u0041""#.bytes, .loneSurrogate, 1),
        ("duplicate key", #"{"a":1,"a":2}"#.bytes, .duplicateKey, 7),
        ("duplicate key via escape", #"{"a":1,"\u0061":2}"#.bytes, .duplicateKey, 7),
        ("invalid UTF-8 continuation", [0x22, 0xC3, 0x28, 0x22], .invalidUTF8, 1),
        ("overlong UTF-8", [0x22, 0xC0, 0xAF, 0x22], .invalidUTF8, 1),
        ("overlong 3-byte UTF-8", [0x22, 0xE0, 0x80, 0xAF, 0x22], .invalidUTF8, 1),
        ("UTF-8 encoded surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, 1),
        ("UTF-8 above U+10FFFF", [0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, 1),
        ("truncated UTF-8", [0x22, 0xE6, 0xBE], .invalidUTF8, 1),
        ("stray continuation byte", [0x22, 0x80, 0x22], .invalidUTF8, 1),
        ("byte order mark", [0xEF, 0xBB, 0xBF] + "1".bytes, .unexpectedCharacter, 0),
        ("non-ASCII outside string", [0x5B, 0xC3, 0xA9, 0x5D], .unexpectedCharacter, 1),
        ("comment", "[1] // c".bytes, .trailingData, 4),
    ]

    @Test(arguments: malformed)
    func rejectsMalformed(name: String, input: [UInt8], kind: JSONParseError.Kind, offset: Int) {
        #expect(throws: JSONParseError(kind: kind, offset: offset), "\(name)") {
            try JSONValue.parse(input)
        }
    }

    @Test func enforcesSizeLimit() throws {
        let limits = JSONValue.Limits(maximumBytes: 4)
        #expect(throws: JSONParseError(kind: .tooLarge(limit: 4), offset: 0)) {
            try JSONValue.parse("12345", limits: limits)
        }
        #expect(try JSONValue.parse("1234", limits: limits) == .number(1234))
        #expect(JSONValue.Limits.default.maximumBytes == 8 << 20)
        #expect(JSONValue.Limits.default.maximumDepth == 64)
    }

    @Test func enforcesDepthLimit() throws {
        let ok = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        _ = try JSONValue.parse(ok)
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONParseError(kind: .tooDeep(limit: 64), offset: 64)) {
            try JSONValue.parse(deep)
        }
        let deepObject = String(repeating: #"{"a":"#, count: 3) + "1" + String(repeating: "}", count: 3)
        #expect(throws: JSONParseError(kind: .tooDeep(limit: 2), offset: 10)) {
            try JSONValue.parse(deepObject, limits: .init(maximumDepth: 2))
        }
        // Far beyond the limit must fail cleanly, not overflow the stack.
        let hostile = String(repeating: "[", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(hostile) }
    }

    @Test func enforcesStringLimit() throws {
        let limits = JSONValue.Limits(maximumStringBytes: 3)
        #expect(try JSONValue.parse(#""abc""#, limits: limits) == .string("abc"))
        #expect(throws: JSONParseError(kind: .stringTooLong(limit: 3), offset: 4)) {
            try JSONValue.parse(#""abcd""#, limits: limits)
        }
        #expect(throws: JSONParseError.self) { try JSONValue.parse(#"{"abcd":1}"#, limits: limits) }
    }

    @Test func errorsCarryCodeAndOffset() {
        let error = JSONParseError(kind: .duplicateKey, offset: 7)
        #expect(error.code == "core.json.duplicate_key")
        #expect(error.reason.contains("byte offset 7"))
    }
}
