import EGovCore
import Foundation
import Testing

@Suite struct CanonicalJSONTests {
    func canonical(_ text: String) throws -> String {
        String(decoding: try CanonicalJSON.canonicalize(text.bytes), as: UTF8.self)
    }

    /// RFC 8785 Appendix B: IEEE 754 bit patterns and their ES6 serialisations.
    static let numberSamples: [(UInt64, String)] = [
        (0x0000_0000_0000_0000, "0"),
        (0x8000_0000_0000_0000, "0"),
        (0x0000_0000_0000_0001, "5e-324"),
        (0x8000_0000_0000_0001, "-5e-324"),
        (0x7FEF_FFFF_FFFF_FFFF, "1.7976931348623157e+308"),
        (0xFFEF_FFFF_FFFF_FFFF, "-1.7976931348623157e+308"),
        (0x4340_0000_0000_0000, "9007199254740992"),
        (0xC340_0000_0000_0000, "-9007199254740992"),
        (0x4430_0000_0000_0000, "295147905179352830000"),
        (0x44B5_2D02_C7E1_4AF5, "9.999999999999997e+22"),
        (0x44B5_2D02_C7E1_4AF6, "1e+23"),
        (0x44B5_2D02_C7E1_4AF7, "1.0000000000000001e+23"),
        (0x444B_1AE4_D6E2_EF4E, "999999999999999700000"),
        (0x444B_1AE4_D6E2_EF4F, "999999999999999900000"),
        (0x444B_1AE4_D6E2_EF50, "1e+21"),
        (0x3EB0_C6F7_A0B5_ED8C, "9.999999999999997e-7"),
        (0x3EB0_C6F7_A0B5_ED8D, "0.000001"),
        (0x41B3_DE43_5555_5553, "333333333.3333332"),
        (0x41B3_DE43_5555_5554, "333333333.33333325"),
        (0x41B3_DE43_5555_5555, "333333333.3333333"),
        (0x41B3_DE43_5555_5556, "333333333.3333334"),
        (0x41B3_DE43_5555_5557, "333333333.33333343"),
        (0xBECB_F647_612F_3696, "-0.0000033333333333333333"),
        (0x4314_3FF3_C1CB_0959, "1424953923781206.2"),
        // Further layout cases.
        (0x4197_D784_0000_0000, "100000000"),
        (0x4341_C379_37E0_8000, "10000000000000000"),
    ]

    @Test(arguments: numberSamples)
    func rfc8785NumberSerialisation(bits: UInt64, expected: String) throws {
        let bytes = try CanonicalJSON.serialize(.number(Double(bitPattern: bits)))
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }

    @Test(arguments: [
        (1.0, "1"), (-1.5, "-1.5"), (0.1, "0.1"), (1e21, "1e+21"), (1e20, "100000000000000000000"),
        (1e-6, "0.000001"), (1e-7, "1e-7"), (123e-20, "1.23e-18"), (1.5e300, "1.5e+300"), (4.5, "4.5"),
        (0.002, "0.002"), (1e30, "1e+30"), (-0.0, "0"), (12.0, "12"), (1234.5678, "1234.5678"),
    ])
    func numberLayout(value: Double, expected: String) throws {
        #expect(
            String(decoding: try CanonicalJSON.serialize(.number(value)), as: UTF8.self) == expected)
    }

    @Test func nonFiniteNumbersAreRejected() {
        for bits: UInt64 in [0x7FFF_FFFF_FFFF_FFFF, 0x7FF0_0000_0000_0000, 0xFFF0_0000_0000_0000] {
            #expect(throws: CanonicalJSON.SerializationError.nonFiniteNumber) {
                try CanonicalJSON.serialize(.array([.number(Double(bitPattern: bits))]))
            }
        }
    }

    /// RFC 8785 section 3.2.2 example.
    @Test func rfc8785Section322Example() throws {
        let input = #"""
            {
              "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
              "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
              "literals": [null, true, false]
            }
            """#
        let expected =
            #"{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
        #expect(try canonical(input) == expected)
    }

    /// RFC 8785 section 3.2.3: member sorting by UTF-16 code units.
    @Test func rfc8785Section323Sorting() throws {
        let input = #"""
            {
              "\u20ac": "Euro Sign",
              "\r": "Carriage Return",
              "\ufb33": "Hebrew Letter Dalet With Dagesh",
              "1": "One",
              "\ud83d\ude00": "Emoji: Grinning Face",
              "\u0080": "Control",
              "\u00f6": "Latin Small Letter O With Diaeresis"
            }
            """#
        let expected =
            #"{"\r":"Carriage Return","1":"One","\#u{80}":"Control","ö":"Latin Small Letter O With Diaeresis","€":"Euro Sign","😀":"Emoji: Grinning Face","\#u{FB33}":"Hebrew Letter Dalet With Dagesh"}"#
        #expect(try canonical(input) == expected)
        let value = try JSONValue.parse(input)
        guard case .object(let members) = value else {
            Issue.record("expected an object")
            return
        }
        #expect(members.count == 7)
    }

    @Test func stringEscaping() throws {
        let all = (0..<0x20).map { "\\u" + String(format: "%04x", $0) }.joined()
        let expected =
            #"\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f"#
            + #"\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f"#
        #expect(try canonical("\"" + all + "\"") == "\"" + expected + "\"")
        #expect(try canonical(#""\u007f\u2028\/é""#) == "\"\u{7F}\u{2028}/é\"")
    }

    @Test func whitespaceAndNesting() throws {
        #expect(try canonical(" [ 1 , { \"b\" : [ ] , \"a\" : { } } ] ") == #"[1,{"a":{},"b":[]}]"#)
    }

    @Test func canonicalizeRejectsInvalidJSON() {
        #expect(
            throws: CanonicalJSON.SerializationError.invalidJSON(
                JSONParseError(kind: .duplicateKey, offset: 7))
        ) {
            try CanonicalJSON.canonicalize(#"{"a":1,"a":2}"#.bytes)
        }
    }

    struct Sample: Encodable {
        var zeta = "z"
        var alpha = 1.0
        var nested = ["b": 2, "a": 1]
        var text = "line\nbreak/slash"
    }

    @Test func dataForEncodable() throws {
        let bytes = try CanonicalJSON.data(for: Sample())
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == #"{"alpha":1,"nested":{"a":1,"b":2},"text":"line\nbreak/slash","zeta":"z"}"#)
    }

    @Test func dataForEncodableReportsNonFiniteAsFailure() {
        #expect(throws: CanonicalJSON.SerializationError.self) {
            try CanonicalJSON.data(for: [Double.nan])
        }
    }

    @Test func canonicalFormIsIdempotent() throws {
        let once = try canonical(#"{"b":[1.50,"\u00e9"],"a":-0}"#)
        #expect(once == #"{"a":0,"b":[1.5,"é"]}"#)
        #expect(try canonical(once) == once)
    }
}
