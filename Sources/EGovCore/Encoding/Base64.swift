/// Strict standard base64 (RFC 4648 section 4) with padding.
///
/// Decoding accepts exactly one encoding per byte string: the length must be a multiple of four,
/// `=` may appear only as the one or two padding characters the length requires, and the unused
/// bits of the last character must be zero. Whitespace, line breaks, characters outside the
/// alphabet and extra or missing padding are rejected (Foundation's `Data(base64Encoded:)`
/// accepts extra `=`).
public enum Base64 {
    /// The reasons a base64 string is rejected.
    public enum DecodingError: EGovError, Equatable {
        /// A character outside `A–Z a–z 0–9 + /` (or a misplaced `=`) at the given offset.
        case invalidCharacter(offset: Int)
        /// The length is not a multiple of four.
        case invalidLength(Int)
        /// More padding than the length requires.
        case invalidPadding
        /// The unused low bits of the last character are not zero.
        case nonCanonicalTrailingBits
        /// The input is larger than the caller's limit.
        case tooLarge(limit: Int)

        /// A stable machine-readable code.
        public var code: String {
            switch self {
            case .invalidCharacter: "core.base64.invalid_character"
            case .invalidLength: "core.base64.invalid_length"
            case .invalidPadding: "core.base64.invalid_padding"
            case .nonCanonicalTrailingBits: "core.base64.non_canonical"
            case .tooLarge: "core.base64.too_large"
            }
        }

        /// A readable explanation of what was wrong.
        public var reason: String {
            switch self {
            case .invalidCharacter(let offset):
                "character at offset \(offset) is not in the base64 alphabet (no whitespace; '=' only as padding)"
            case .invalidLength(let length): "length \(length) is not a multiple of four"
            case .invalidPadding: "more '=' padding than the length requires"
            case .nonCanonicalTrailingBits: "the unused bits of the last character are not zero"
            case .tooLarge(let limit): "input exceeds the limit of \(limit) characters"
            }
        }
    }

    private static let decodeTable = Base64Decoding.table(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8))

    /// Decodes strict padded base64 text.
    ///
    /// - Parameters:
    ///   - text: the encoded text.
    ///   - limit: the maximum accepted length in characters (default 16 MiB).
    /// - Throws: ``DecodingError`` describing the first problem found.
    public static func decode(_ text: String, limit: Int = 16 << 20) throws(DecodingError) -> [UInt8] {
        let input = Array(text.utf8)
        guard input.count <= limit else { throw .tooLarge(limit: limit) }
        guard input.count % 4 == 0 else { throw .invalidLength(input.count) }
        let padding = input.reversed().prefix { $0 == UInt8(ascii: "=") }.count
        guard padding <= 2 else { throw .invalidPadding }
        switch Base64Decoding.decode(input.dropLast(padding), table: decodeTable) {
        case .success(let output): return output
        case .failure(.invalidCharacter(let offset)): throw .invalidCharacter(offset: offset)
        case .failure(.nonCanonicalTrailingBits): throw .nonCanonicalTrailingBits
        }
    }
}

/// The decoding loop shared by ``Base64`` and ``Base64URL``: unpadded text in a given alphabet.
enum Base64Decoding {
    enum Failure: Error {
        case invalidCharacter(offset: Int)
        case nonCanonicalTrailingBits
    }

    /// A 256-entry table mapping each alphabet character to its value, others to 0xFF.
    static func table(_ alphabet: [UInt8]) -> [UInt8] {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, character) in alphabet.enumerated() { table[Int(character)] = UInt8(index) }
        return table
    }

    /// Decodes unpadded text whose length is not 1 modulo 4 (the caller checks); offsets in
    /// failures count from the start of `input`.
    static func decode(_ input: ArraySlice<UInt8>, table: [UInt8]) -> Result<[UInt8], Failure> {
        var output = [UInt8]()
        output.reserveCapacity(input.count * 3 / 4)
        // Four characters (24 bits) at a time; every table value of a valid character is below
        // 64, so one OR of the four values tells whether any was invalid.
        let failure: Failure? = input.withUnsafeBufferPointer { characters -> Failure? in
            table.withUnsafeBufferPointer { values -> Failure? in
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
                        return .invalidCharacter(offset: bad)
                    }
                    let chunk = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    output.append(UInt8(truncatingIfNeeded: chunk >> 16))
                    output.append(UInt8(truncatingIfNeeded: chunk >> 8))
                    output.append(UInt8(truncatingIfNeeded: chunk))
                    index += 4
                }
                let remaining = count - index
                guard remaining > 0 else { return nil }
                guard remaining > 1 else { return .invalidCharacter(offset: index) }
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
        if let failure { return .failure(failure) }
        return .success(output)
    }
}
