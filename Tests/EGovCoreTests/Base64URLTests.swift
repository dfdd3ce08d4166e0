import EGovCore
import Testing

@Suite struct Base64URLTests {
    /// RFC 4648 section 10 vectors, with padding removed (base64url without padding).
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"),
        ("foobar", "Zm9vYmFy"),
    ]

    @Test(arguments: vectors)
    func rfc4648Vectors(plain: String, encoded: String) throws {
        #expect(Base64URL.encode(plain.bytes) == encoded)
        #expect(try Base64URL.decode(encoded) == plain.bytes)
    }

    @Test func urlSafeAlphabet() throws {
        // 0xFB 0xFF 0xBF encodes to "+/+/" in standard base64.
        #expect(Base64URL.encode([0xFB, 0xFF, 0xBF]) == "-_-_")
        #expect(try Base64URL.decode("-_-_") == [0xFB, 0xFF, 0xBF])
        #expect(Base64URL.encode([0xFF]) == "_w")
    }

    @Test func roundTripsAllByteValues() throws {
        let bytes = (0...255).map { UInt8($0) }
        for length in 0..<8 {
            let slice = Array(bytes.prefix(250 + length))
            #expect(try Base64URL.decode(Base64URL.encode(slice)) == slice)
        }
    }

    @Test(arguments: [
        ("Zg==", Base64URL.DecodingError.invalidCharacter(offset: 2)),
        ("Zm8=", .invalidCharacter(offset: 3)),
        ("Zm9v Yg", .invalidCharacter(offset: 4)),
        ("Zm9v\nYg", .invalidCharacter(offset: 4)),
        (" Zm9", .invalidCharacter(offset: 0)),
        ("+/+/", .invalidCharacter(offset: 0)),
        ("-_-/", .invalidCharacter(offset: 3)),
        ("Zm9vY", .invalidLength(5)),
        ("Z", .invalidLength(1)),
        ("Zh", .nonCanonicalTrailingBits),
        ("Zm9", .nonCanonicalTrailingBits),
        ("Zm9vYh", .nonCanonicalTrailingBits),
        ("Zm9vYmF", .nonCanonicalTrailingBits),
        ("Zm\u{E9}", .invalidCharacter(offset: 2)),  // é is two UTF-8 bytes
    ])
    func rejects(input: String, expected: Base64URL.DecodingError) {
        #expect(throws: expected) { try Base64URL.decode(input) }
    }

    @Test func enforcesLimit() {
        #expect(throws: Base64URL.DecodingError.tooLarge(limit: 4)) {
            try Base64URL.decode("Zm9vYg", limit: 4)
        }
    }

    @Test func errorCodes() {
        #expect(Base64URL.DecodingError.invalidLength(5).code == "core.base64url.invalid_length")
        #expect(Base64URL.DecodingError.nonCanonicalTrailingBits.code == "core.base64url.non_canonical")
    }
}
