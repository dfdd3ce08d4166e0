import Testing

@testable import EGovCore

@Suite("JSON integers are exact or refused (RFC 7493 section 2.2)")
struct JSONIntegerPrecisionTests {
    @Test(
        "an integer literal a double cannot hold exactly is refused, never rounded",
        arguments: ["9007199254740993", "-9007199254740993", "[1,18446744073709551617]", "123456789012345678901234"])
    func inexactIntegerIsRefused(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
        do {
            _ = try JSONValue.parse(text)
        } catch {
            #expect(error.kind == .numberOutOfRange)
            #expect(error.code == "core.json.number_out_of_range")
        }
    }

    @Test(
        "integers a double holds exactly keep their value through canonical serialisation",
        arguments: ["9007199254740992", "-9007199254740991", "0", "-0", "123456789012345", "1e21", "4.5", "1E2"])
    func exactNumbersAreAccepted(_ text: String) throws {
        let value = try JSONValue.parse(text)
        guard case .number = value else {
            Issue.record("not a number")
            return
        }
    }

    @Test("a large integer that is exact in binary but would serialise differently is refused")
    func integerThatWouldBeRewrittenIsRefused() throws {
        // 2^60 is a double, but its shortest ECMAScript form is 1152921504606847000.
        #expect(throws: JSONParseError.self) { try JSONValue.parse("1152921504606846976") }
        #expect(try CanonicalJSON.serialize(try JSONValue.parse("1152921504606847000")) == Array("1152921504606847000".utf8))
    }
}
