import EGovCore
import Testing

/// RFC 8259 §8.1/§8.2 and I-JSON (RFC 7493 §2.1, §2.3): invalid UTF-8, lone surrogates and
/// duplicate member names are refused, and the error says which member and where.
@Suite struct JSONStrictnessTests {
    @Test func duplicateMemberErrorNamesTheMember() {
        do {
            _ = try JSONValue.parse(#"{"outer":{"name":1,"name":2}}"#)
            Issue.record("a duplicate member was accepted")
        } catch {
            #expect(error.kind == .duplicateKey)
            #expect(error.offset == 19)
            #expect(error.reason == #"duplicate object member name "name" at byte offset 19"#)
        }
    }

    @Test func duplicateMemberNameIsEscapedAndShortenedInTheReason() {
        let long = String(repeating: "x", count: 200)
        do {
            _ = try JSONValue.parse("{\"\(long)\":1,\"\(long)\":2}")
            Issue.record("a duplicate member was accepted")
        } catch {
            #expect(!error.reason.contains(long))
            #expect(error.reason.contains("…"))
        }
        do {
            _ = try JSONValue.parse(#"{"a\nb":1,"a\nb":2}"#)
            Issue.record("a duplicate member was accepted")
        } catch {
            #expect(error.reason.contains(#""a\nb""#), "\(error.reason)")
        }
    }

    static let invalid: [(String, [UInt8], JSONParseError.Kind, Int)] = [
        ("overlong 4-byte", [0x22, 0xF0, 0x80, 0x80, 0xAF, 0x22], .invalidUTF8, 1),
        ("lead byte C1", [0x22, 0xC1, 0xBF, 0x22], .invalidUTF8, 1),
        ("lead byte F5", [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22], .invalidUTF8, 1),
        ("lead byte FF", [0x22, 0xFF, 0x22], .invalidUTF8, 1),
        ("truncated before the quote", [0x22, 0xE6, 0xBE, 0x22], .invalidUTF8, 1),
        ("UTF-8 encoded low surrogate", [0x22, 0xED, 0xBF, 0xBF, 0x22], .invalidUTF8, 1),
        ("invalid UTF-8 in a member name", [0x7B, 0x22, 0x61, 0xC0, 0x80, 0x22, 0x3A, 0x31, 0x7D], .invalidUTF8, 3),
        ("lone surrogate in a member name", Array(#"{"\ud800":1}"#.utf8), .loneSurrogate, 2),
        ("high surrogate at the end of the string", Array(#"["\udbff"]"#.utf8), .loneSurrogate, 2),
        ("two high surrogates", Array(#""\ud800\ud800""#.utf8), .loneSurrogate, 1),
    ]

    @Test(arguments: invalid)
    func rejectsInvalidText(name: String, input: [UInt8], kind: JSONParseError.Kind, offset: Int) {
        #expect(throws: JSONParseError(kind: kind, offset: offset), "\(name)") {
            try JSONValue.parse(input)
        }
    }
}
