import Foundation

/// Strict base64url (RFC 4648 section 5) without padding, as JOSE requires (RFC 7515 section 2).
///
/// Decoding rejects padding, whitespace, characters outside the URL-safe alphabet, impossible
/// lengths (a remainder of one character) and non-canonical trailing bits, so that each byte
/// string has exactly one accepted encoding. That matters for signatures and digests computed
/// over encoded text.
public enum Base64URL {
    /// The reasons a base64url string is rejected.
    public enum DecodingError: EGovError, Equatable {
        /// A character outside `A–Z a–z 0–9 - _` at the given offset (padding `=` included).
        case invalidCharacter(offset: Int)
        /// The length leaves a single dangling character, which cannot encode a byte.
        case invalidLength(Int)
        /// The unused low bits of the last character are not zero.
        case nonCanonicalTrailingBits
        /// The input is larger than the caller's limit.
        case tooLarge(limit: Int)

        /// A stable machine-readable code.
        public var code: String {
            switch self {
            case .invalidCharacter: "core.base64url.invalid_character"
            case .invalidLength: "core.base64url.invalid_length"
            case .nonCanonicalTrailingBits: "core.base64url.non_canonical"
            case .tooLarge: "core.base64url.too_large"
            }
        }

        /// A readable explanation of what was wrong.
        public var reason: String {
            switch self {
            case .invalidCharacter(let offset):
                "character at offset \(offset) is not in the base64url alphabet (no padding or whitespace allowed)"
            case .invalidLength(let length):
                "length \(length) is not a possible unpadded base64url length"
            case .nonCanonicalTrailingBits: "the unused bits of the last character are not zero"
            case .tooLarge(let limit): "input exceeds the limit of \(limit) characters"
            }
        }
    }

    private static let alphabet: [UInt8] = Array(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    private static let decodeTable = Base64Decoding.table(alphabet)

    /// Encodes bytes as unpadded base64url text.
    public static func encode<Bytes: Sequence>(_ bytes: Bytes) -> String
    where Bytes.Element == UInt8 {
        let input = Array(bytes)
        var output = [UInt8]()
        output.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index + 3 <= input.count {
            let chunk =
                UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            output.append(alphabet[Int((chunk >> 18) & 0x3F)])
            output.append(alphabet[Int((chunk >> 12) & 0x3F)])
            output.append(alphabet[Int((chunk >> 6) & 0x3F)])
            output.append(alphabet[Int(chunk & 0x3F)])
            index += 3
        }
        let remaining = input.count - index
        if remaining == 1 {
            let chunk = UInt32(input[index]) << 16
            output.append(alphabet[Int((chunk >> 18) & 0x3F)])
            output.append(alphabet[Int((chunk >> 12) & 0x3F)])
        } else if remaining == 2 {
            let chunk = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8
            output.append(alphabet[Int((chunk >> 18) & 0x3F)])
            output.append(alphabet[Int((chunk >> 12) & 0x3F)])
            output.append(alphabet[Int((chunk >> 6) & 0x3F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes strict unpadded base64url text.
    ///
    /// - Parameters:
    ///   - text: the encoded text.
    ///   - limit: the maximum accepted length in characters (default 16 MiB).
    /// - Throws: ``DecodingError`` describing the first problem found.
    public static func decode<Text: StringProtocol>(_ text: Text, limit: Int = 16 << 20)
        throws(DecodingError) -> [UInt8]
    {
        try decode(bytes: Array(String(text).utf8), limit: limit)
    }

    /// Decodes strict unpadded base64url text held in a `String`.
    ///
    /// Concrete overloads for `String` and `Substring`: across module boundaries the generic
    /// version is not specialised and reads the text one UTF-8 unit at a time through witness
    /// tables (~15 ns a byte).
    public static func decode(_ text: String, limit: Int = 16 << 20) throws(DecodingError) -> [UInt8] {
        try decode(bytes: Array(text.utf8), limit: limit)
    }

    /// Decodes strict unpadded base64url text held in a `Substring` (e.g. a JWS segment).
    public static func decode(_ text: Substring, limit: Int = 16 << 20) throws(DecodingError) -> [UInt8] {
        // `String(substring)` copies in bulk; `Array(substring.utf8)` walks it a unit at a time.
        try decode(bytes: Array(String(text).utf8), limit: limit)
    }

    private static func decode(bytes input: [UInt8], limit: Int) throws(DecodingError) -> [UInt8] {
        guard input.count <= limit else { throw .tooLarge(limit: limit) }
        guard input.count % 4 != 1 else { throw .invalidLength(input.count) }
        switch Base64Decoding.decode(input[...], table: decodeTable) {
        case .success(let output): return output
        case .failure(.invalidCharacter(let offset)): throw .invalidCharacter(offset: offset)
        case .failure(.nonCanonicalTrailingBits): throw .nonCanonicalTrailingBits
        }
    }
}
