import EGovCore
import Foundation

/// `cn-uscc`: the Unified Social Credit Code of legal persons and other organisations
/// (统一社会信用代码), GB 32100-2015.
///
/// Structure (18 characters over the 31-character alphabet `0`–`9` `A`–`H` `J`–`N` `P`–`R`
/// `T` `U` `W`–`Y`, i.e. without I, O, S, V, Z):
/// - position 1: registration authority code. Accepted: `1`–`9`, `A`, `N`, `Y` (GB 32100-2015
///   defines 1 organisation establishment, 5 civil affairs, 9 industry and commerce and Y other;
///   later assignments added 2–4, 6–8, A and N).
/// - position 2: institution category code, `1`–`9` (the standard's categories are digits).
/// - positions 3–8: region code (GB/T 2260) of the registering authority: six digits whose first
///   digit is `1`–`8` (format only, no region table; central bodies use `100000`).
/// - positions 9–17: the subject identifier (organisation code, GB 11714-1997), whose own last
///   character is a check: characters valued 0–9 / A = 10 … Z = 35, weights 3, 7, 9, 10, 5, 8,
///   4, 2 over the first eight, check = 11 − (sum mod 11), written `X` for 10 and `0` for 11.
///   This embedded check is verified too (``IdentifierValidationFailure/invalidEmbeddedCode``).
/// - position 18: check character: with character values equal to their index in the alphabet
///   and weights 1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28 (3ⁱ mod 31),
///   check = 31 − (sum mod 31), `0` for 31.
///
/// Some codes issued in early pilot regions do not satisfy these checks; they are reported as
/// invalid and must be handled by the caller.
///
/// Examples confirmed by computation (see `UnifiedSocialCreditCodeSchemeTests`):
/// `91350100M000100Y43` (a widely reused example, e.g. in gancao-web/base-tools' `isTaxID` docs)
/// and `91110000600037341L` (the python-stdnum `cn.uscc` doctest).
///
/// Normalization only trims surrounding ASCII whitespace; lowercase letters and full-width
/// characters are rejected.
public struct UnifiedSocialCreditCodeScheme: IdentifierScheme {
    /// `cn-uscc`.
    public let id = "cn-uscc"
    /// 64 bytes.
    public let maximumInputLength = 64

    /// The 31-character code alphabet, in value order.
    public static let alphabet = Array("0123456789ABCDEFGHJKLMNPQRTUWXY")
    /// The weights of positions 1–17.
    public static let weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

    /// Creates the scheme.
    public init() {}

    /// Validates alphabet, length, authority/category codes, region format, the embedded
    /// organisation code check and the mod-31 check character.
    public func validate(_ raw: String, at date: Date?) -> IdentifierValidation {
        validateNormalized(raw) { failure(of: $0) }
    }

    /// The check character for the first 17 characters, or `nil` if they are not 17 alphabet
    /// characters.
    public static func checkCharacter(for body: String) -> Character? {
        let characters = Array(body)
        guard characters.count == 17 else { return nil }
        var sum = 0
        for (character, weight) in zip(characters, weights) {
            guard let value = alphabet.firstIndex(of: character) else { return nil }
            sum += value * weight
        }
        return alphabet[(31 - sum % 31) % 31]
    }

    /// The GB 11714 check character (`0`–`9` or `X`) for the first eight characters of an
    /// organisation code, or `nil` if they are not eight uppercase ASCII alphanumerics.
    public static func organisationCodeCheckCharacter(for body: String) -> Character? {
        let characters = Array(body)
        guard characters.count == 8 else { return nil }
        let organisationWeights = [3, 7, 9, 10, 5, 8, 4, 2]
        var sum = 0
        for (character, weight) in zip(characters, organisationWeights) {
            guard let value = ISO7064.alphanumericValue(character) else { return nil }
            sum += value * weight
        }
        let check = 11 - sum % 11
        switch check {
        case 10: return "X"
        case 11: return "0"
        default: return Character(String(check))
        }
    }

    private func failure(of normalized: String) -> IdentifierValidationFailure? {
        let characters = Array(normalized)
        guard !characters.isEmpty else { return .empty }
        if let bad = characters.firstIndex(where: { !Self.alphabet.contains($0) }) {
            return .invalidCharacter(position: bad + 1)
        }
        guard characters.count == 18 else { return .wrongLength }
        let authorities: Set<Character> = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "A", "N", "Y"]
        guard authorities.contains(characters[0]), ("1"..."9").contains(characters[1]) else {
            return .invalidCategory
        }
        if let bad = (2..<8).first(where: { !IdentifierText.isDigit(characters[$0]) }) {
            return .invalidCharacter(position: bad + 1)
        }
        guard ("1"..."8").contains(characters[2]) else { return .invalidRegion }
        let organisationCheck = Self.organisationCodeCheckCharacter(for: String(characters[8..<16]))
        guard organisationCheck == characters[16] else { return .invalidEmbeddedCode }
        guard Self.checkCharacter(for: String(characters.prefix(17))) == characters[17] else {
            return .invalidCheckCharacter
        }
        return nil
    }

}
