import EGovCore
import EGovCrypto
import EGovIdentity

/// A short code a person can read out or type at a counter (核實碼) to have a credential checked:
/// random characters from an alphabet without the easily confused `O`, `I` and `L`, plus an
/// ISO 7064 MOD 37,36 check character that catches every single-character error and every swap
/// of neighbours before any lookup is made. Displayed in groups of four: `7K3M-9QXR-2T4W-C`.
///
/// The code is a lookup key, not a proof: a verifier resolves it through a
/// ``VerificationRegistry`` run by the issuer. Twelve random characters carry about 60 bits.
public struct VerificationCode: Sendable, Hashable, CustomStringConvertible {
    /// The normalised code: the random characters followed by the check character.
    public let value: String

    /// Characters used for the random part.
    public static let alphabet: [Character] = Array("0123456789ABCDEFGHJKMNPQRSTUVWXYZ")
    /// Length of the random part.
    public static let randomLength = 12

    /// A fresh random code.
    public static func generate() throws -> VerificationCode {
        var characters: [Character] = []
        for _ in 0..<randomLength {
            characters.append(alphabet[Int(try SecureRandom.uniform(below: UInt64(alphabet.count)))])
        }
        let body = String(characters)
        guard let check = ISO7064.mod37_36CheckCharacter(for: body) else {
            throw VerificationCodeError.malformed("could not compute a check character")
        }
        return VerificationCode(validated: body + String(check))
    }

    private init(validated value: String) { self.value = value }

    /// Parses a typed code: ASCII letters and digits, case-insensitive, with optional spaces or
    /// hyphens between groups. Anything else (full-width characters included) is refused.
    public init(parsing text: String) throws(VerificationCodeError) {
        guard text.utf8.count <= 64 else { throw .malformed("too long") }
        var normalised = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "-": continue
            case "0"..."9", "A"..."Z": normalised.unicodeScalars.append(scalar)
            case "a"..."z": normalised += String(scalar).uppercased()
            default: throw .malformed("only letters, digits, spaces and hyphens are allowed")
            }
        }
        guard normalised.count == Self.randomLength + 1 else {
            throw .malformed("a verification code has \(Self.randomLength + 1) characters")
        }
        guard normalised.dropLast().allSatisfy({ Self.alphabet.contains($0) }) else {
            throw .malformed("the code contains a character that is never used (O, I or L)")
        }
        guard ISO7064.isValidMod37_36(normalised) else { throw .checkCharacterMismatch }
        value = normalised
    }

    /// The code in groups of four, e.g. `7K3M-9QXR-2T4W-C`.
    public var formatted: String {
        var groups: [String] = []
        var current = ""
        for character in value {
            current.append(character)
            if current.count == 4 {
                groups.append(current)
                current = ""
            }
        }
        if !current.isEmpty { groups.append(current) }
        return groups.joined(separator: "-")
    }

    /// The lookup key registries store: SHA-256 of the code, so that the registry never holds or
    /// compares the codes themselves (lookups reveal nothing through timing).
    public var lookupKey: String { Hex.encode(HashAlgorithm.sha256.hash(Array(value.utf8))) }

    public var description: String { "VerificationCode(\(value.prefix(2))…)" }
}
