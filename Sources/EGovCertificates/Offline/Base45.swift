import EGovCore

/// Base45 (RFC 9285): bytes as text from the 45-character QR-code alphanumeric alphabet
/// (`0-9 A-Z`, space and `$%*+-./:`), so a QR code can use its compact alphanumeric mode.
///
/// Decoding is strict: characters outside the alphabet, an impossible length (remainder 1 of 3)
/// and chunks whose value exceeds what the bytes can hold (RFC 9285 section 4.3) are refused.
public enum Base45 {
    /// Why base45 text was refused.
    public enum DecodingError: EGovError, Equatable {
        /// A character outside the alphabet, at the given offset.
        case invalidCharacter(offset: Int)
        /// The length leaves a single dangling character.
        case invalidLength(Int)
        /// A chunk's value is larger than its bytes can hold.
        case valueOutOfRange(offset: Int)
        /// Larger than the limit.
        case tooLarge(limit: Int)

        public var code: String {
            switch self {
            case .invalidCharacter: "certificates.base45.invalid_character"
            case .invalidLength: "certificates.base45.invalid_length"
            case .valueOutOfRange: "certificates.base45.value_out_of_range"
            case .tooLarge: "certificates.base45.too_large"
            }
        }

        public var reason: String {
            switch self {
            case .invalidCharacter(let offset): "character at offset \(offset) is not in the base45 alphabet"
            case .invalidLength(let length): "length \(length) is not a possible base45 length"
            case .valueOutOfRange(let offset): "the chunk at offset \(offset) encodes a value that does not fit"
            case .tooLarge(let limit): "input exceeds \(limit) characters"
            }
        }
    }

    static let alphabet: [UInt8] = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".utf8)
    private static let values: [UInt8: Int] = Dictionary(uniqueKeysWithValues: alphabet.enumerated().map { ($1, $0) })

    /// Encodes bytes as base45 text.
    public static func encode(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count / 2 * 3 + 2)
        var index = 0
        while index + 1 < bytes.count {
            let value = Int(bytes[index]) * 256 + Int(bytes[index + 1])
            output += [alphabet[value % 45], alphabet[(value / 45) % 45], alphabet[value / 2025]]
            index += 2
        }
        if index < bytes.count {
            let value = Int(bytes[index])
            output += [alphabet[value % 45], alphabet[value / 45]]
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Decodes strict base45 text.
    public static func decode(_ text: String, limit: Int = 1 << 20) throws(DecodingError) -> [UInt8] {
        let characters = Array(text.utf8)
        guard characters.count <= limit else { throw .tooLarge(limit: limit) }
        guard characters.count % 3 != 1 else { throw .invalidLength(characters.count) }
        var digits: [Int] = []
        digits.reserveCapacity(characters.count)
        for (offset, character) in characters.enumerated() {
            guard let value = values[character] else { throw .invalidCharacter(offset: offset) }
            digits.append(value)
        }
        var output: [UInt8] = []
        output.reserveCapacity(characters.count / 3 * 2 + 1)
        var index = 0
        while index + 2 < digits.count {
            let value = digits[index] + digits[index + 1] * 45 + digits[index + 2] * 2025
            guard value <= 0xFFFF else { throw .valueOutOfRange(offset: index) }
            output += [UInt8(value >> 8), UInt8(value & 0xFF)]
            index += 3
        }
        if index < digits.count {
            let value = digits[index] + digits[index + 1] * 45
            guard value <= 0xFF else { throw .valueOutOfRange(offset: index) }
            output.append(UInt8(value))
        }
        return output
    }
}
