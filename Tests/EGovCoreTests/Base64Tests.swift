import EGovCore
import Foundation
import Testing

@Suite struct Base64Tests {
    /// RFC 4648 section 10 vectors.
    static let vectors: [(String, String)] = [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ]

    @Test(arguments: vectors)
    func rfc4648Vectors(plain: String, encoded: String) throws {
        #expect(try Base64.decode(encoded) == Array(plain.utf8))
    }

    @Test func agreesWithFoundationOnCanonicalInput() throws {
        let bytes = (0...255).map { UInt8($0) }
        for length in 0..<8 {
            let slice = Array(bytes.prefix(250 + length))
            #expect(try Base64.decode(Data(slice).base64EncodedString()) == slice)
        }
        #expect(try Base64.decode("+/+/") == [0xFB, 0xFF, 0xBF])
    }

    @Test func extraOrMissingPaddingIsRefused() {
        #expect(throws: Base64.DecodingError.invalidLength(5)) { try Base64.decode("AAAA=") }
        #expect(throws: Base64.DecodingError.invalidLength(5)) { try Base64.decode("Zg===") }
        #expect(throws: Base64.DecodingError.invalidPadding) { try Base64.decode("AAAA====") }
        #expect(throws: Base64.DecodingError.invalidPadding) { try Base64.decode("Z===") }
        #expect(throws: Base64.DecodingError.invalidLength(2)) { try Base64.decode("Zg") }
        #expect(throws: Base64.DecodingError.invalidCharacter(offset: 2)) { try Base64.decode("Zg==Zg==") }
    }

    @Test func otherMalformedInputIsRefused() {
        #expect(throws: Base64.DecodingError.nonCanonicalTrailingBits) { try Base64.decode("Zh==") }
        #expect(throws: Base64.DecodingError.invalidCharacter(offset: 2)) { try Base64.decode("Zm 9") }
        #expect(throws: Base64.DecodingError.invalidCharacter(offset: 0)) { try Base64.decode("-_-_") }
        #expect(throws: Base64.DecodingError.tooLarge(limit: 4)) { try Base64.decode("Zm9vYg==", limit: 4) }
    }
}
