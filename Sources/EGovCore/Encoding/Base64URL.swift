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

    private static let decodeTable: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = UInt8(index) }
        return table
    }()

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
        let input = Array(text.utf8)
        guard input.count <= limit else { throw .tooLarge(limit: limit) }
        guard input.count % 4 != 1 else { throw .invalidLength(input.count) }
        var output = [UInt8]()
        output.reserveCapacity(input.count * 3 / 4)
        var accumulator: UInt32 = 0
        var bits = 0
        for (offset, character) in input.enumerated() {
            let value = decodeTable[Int(character)]
            guard value != 0xFF else { throw .invalidCharacter(offset: offset) }
            accumulator = (accumulator << 6) | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                output.append(UInt8((accumulator >> UInt32(bits)) & 0xFF))
            }
        }
        // Leftover bits (2 or 4) must be zero for the encoding to be canonical.
        if bits > 0, accumulator & ((1 << UInt32(bits)) - 1) != 0 {
            throw .nonCanonicalTrailingBits
        }
        return output
    }
}
