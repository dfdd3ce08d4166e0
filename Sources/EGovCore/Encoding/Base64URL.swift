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
        let table = decodeTable
        var output = [UInt8]()
        output.reserveCapacity(input.count * 3 / 4)
        // Four characters (24 bits) at a time; every table value of a valid character is below
        // 64, so one OR of the four values tells whether any was invalid.
        let result: DecodingError? = input.withUnsafeBufferPointer { characters -> DecodingError? in
            table.withUnsafeBufferPointer { values -> DecodingError? in
                let count = characters.count
                var index = 0
                while index + 4 <= count {
                    let a = values[Int(characters[index])]
                    let b = values[Int(characters[index + 1])]
                    let c = values[Int(characters[index + 2])]
                    let d = values[Int(characters[index + 3])]
                    if (a | b | c | d) & 0x80 != 0 {
                        var bad = index
                        while bad < index + 3, values[Int(characters[bad])] != 0xFF { bad += 1 }
                        return DecodingError.invalidCharacter(offset: bad)
                    }
                    let chunk = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    output.append(UInt8(truncatingIfNeeded: chunk >> 16))
                    output.append(UInt8(truncatingIfNeeded: chunk >> 8))
                    output.append(UInt8(truncatingIfNeeded: chunk))
                    index += 4
                }
                let remaining = count - index
                guard remaining > 0 else { return nil }
                var accumulator: UInt32 = 0
                for offset in 0..<remaining {
                    let value = values[Int(characters[index + offset])]
                    guard value != 0xFF else { return .invalidCharacter(offset: index + offset) }
                    accumulator = accumulator << 6 | UInt32(value)
                }
                // 2 characters carry 1 byte + 4 unused bits; 3 carry 2 bytes + 2 unused bits.
                let unusedBits = remaining == 2 ? 4 : 2
                guard accumulator & ((1 << UInt32(unusedBits)) - 1) == 0 else { return .nonCanonicalTrailingBits }
                accumulator >>= UInt32(unusedBits)
                if remaining == 3 { output.append(UInt8(truncatingIfNeeded: accumulator >> 8)) }
                output.append(UInt8(truncatingIfNeeded: accumulator))
                return nil
            }
        }
        if let result { throw result }
        return output
    }
}
