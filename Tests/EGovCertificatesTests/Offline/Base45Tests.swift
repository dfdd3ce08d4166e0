import Testing

@testable import EGovCertificates

@Suite struct Base45Tests {
    /// RFC 9285 section 4.3 examples.
    @Test(arguments: [("AB", "BB8"), ("Hello!!", "%69 VD92EX0"), ("base-45", "UJCLQE7W581"), ("ietf!", "QED8WEX0")])
    func rfc9285Examples(_ text: String, _ encoded: String) throws {
        #expect(Base45.encode(Array(text.utf8)) == encoded)
        #expect(try Base45.decode(encoded) == Array(text.utf8))
    }

    @Test func strictDecoding() {
        // RFC 9285 section 4.3: "GGW" is 65535+1 — out of range; lowercase is not in the alphabet.
        #expect(throws: Base45.DecodingError.valueOutOfRange(offset: 0)) { try Base45.decode("GGW") }
        #expect(throws: Base45.DecodingError.invalidCharacter(offset: 0)) { try Base45.decode("bb8") }
        #expect(throws: Base45.DecodingError.invalidLength(4)) { try Base45.decode("BB8B") }
        #expect(throws: Base45.DecodingError.tooLarge(limit: 3)) { try Base45.decode("BB8BB8", limit: 3) }
        for length in 0..<64 {
            let bytes = (0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 11) }
            #expect((try? Base45.decode(Base45.encode(bytes))) == bytes)
        }
    }
}
