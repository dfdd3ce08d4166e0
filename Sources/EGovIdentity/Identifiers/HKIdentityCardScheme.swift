import EGovCore
import Foundation

/// `hk-hkid`: the Hong Kong identity card number, written `A123456(3)` or `AB123456(9)`.
///
/// Structure: one or two uppercase letters, six digits and a check character `0`–`9` or `A`.
/// Check: letters count A = 10 … Z = 35 and a missing second letter counts as a leading space of
/// value 36; the eight values are weighted 9, 8, 7, 6, 5, 4, 3, 2 and the check value is
/// (11 − sum mod 11) mod 11, written `A` for 10. Equivalently the weighted sum including the
/// check value (weight 1) is divisible by 11. The Immigration Department publishes the format
/// (`@123456(#)`, check `0`–`9` or `A`) but not the algorithm; the algorithm above is the one
/// given, with identical results, by several independent public references: the hk.comp.pc
/// Usenet thread "calculate hkid check digit program" (1998, worked example `A123456(3)`), the
/// note at hong.ddns.net/index.php/2019/05/20/hong-kong-id (worked examples `A123456(3)` and
/// `AB123456(9)`) and the iLexN/HKID-Check-Digit project. `C668668(9)` and `D288754(2)` were
/// recomputed with it (see `HKIdentityCardSchemeTests`); note that `C668668(E)`, sometimes
/// quoted, is impossible: `E` is not a check character.
///
/// Normalization trims surrounding ASCII whitespace and removes the brackets around the check
/// character (the written form has them): `A123456(3)` → `A1234563`. The unbracketed form is
/// accepted too. Lowercase letters and full-width characters are rejected.
public struct HKIdentityCardScheme: IdentifierScheme {
    /// `hk-hkid`.
    public let id = "hk-hkid"
    /// 32 bytes.
    public let maximumInputLength = 32

    /// Creates the scheme.
    public init() {}

    /// Trims whitespace and removes a trailing `(c)` bracket pair around the check character.
    public func normalize(_ raw: String) -> String {
        let trimmed = IdentifierText.trimASCIIWhitespace(raw)
        let characters = Array(trimmed)
        if characters.count >= 3, characters[characters.count - 1] == ")",
            characters[characters.count - 3] == "("
        {
            return String(characters.dropLast(3)) + String(characters[characters.count - 2])
        }
        return trimmed
    }

    /// Validates the prefix letters, digits, length and the mod-11 check character.
    public func validate(_ raw: String, at date: Date?) -> IdentifierValidation {
        validateNormalized(raw) { failure(of: $0) }
    }

    /// Keeps the first and the last character.
    public func mask(_ normalized: String) -> String {
        IdentifierMask.mask(normalized, keepingFirst: 1, last: 1)
    }

    /// The check character (`0`–`9` or `A`) for the characters before it (`A123456` or
    /// `AB123456`), or `nil` if they are not of that form.
    public static func checkCharacter(for body: String) -> Character? {
        let characters = Array(body)
        guard characters.count == 7 || characters.count == 8 else { return nil }
        let letterCount = characters.count - 6
        var values: [Int] = letterCount == 1 ? [36] : []
        for (index, character) in characters.enumerated() {
            if index < letterCount {
                guard IdentifierText.isUppercaseLetter(character), let v = ISO7064.alphanumericValue(character)
                else { return nil }
                values.append(v)
            } else {
                guard IdentifierText.isDigit(character), let v = character.wholeNumberValue else { return nil }
                values.append(v)
            }
        }
        let weights = [9, 8, 7, 6, 5, 4, 3, 2]
        let sum = zip(values, weights).reduce(0) { $0 + $1.0 * $1.1 }
        let check = (11 - sum % 11) % 11
        return check == 10 ? "A" : Character(String(check))
    }

    private func failure(of normalized: String) -> IdentifierValidationFailure? {
        let characters = Array(normalized)
        guard !characters.isEmpty else { return .empty }
        // Letters first (one or two), then digits, then the check character.
        let letterCount = characters.prefix(while: IdentifierText.isUppercaseLetter).count
        if letterCount == 0 { return .invalidCharacter(position: 1) }
        if letterCount > 2 { return .invalidCharacter(position: 3) }
        for index in letterCount..<characters.count {
            let character = characters[index]
            let isCheck = index == letterCount + 6
            let allowed = IdentifierText.isDigit(character) || (isCheck && character == "A")
            if !allowed { return .invalidCharacter(position: index + 1) }
        }
        guard characters.count == letterCount + 7 else { return .wrongLength }
        guard Self.checkCharacter(for: String(characters.dropLast())) == characters.last else {
            return .invalidCheckCharacter
        }
        return nil
    }

}
