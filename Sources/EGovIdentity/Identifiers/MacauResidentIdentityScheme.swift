import EGovCore
import Foundation

/// `mo-bir`: the number of the Macao SAR resident identity card (Bilhete de Identidade de
/// Residente, 澳門居民身份證), written `1234567(8)` (older cards: `1/234567/8`).
///
/// Structure: eight ASCII digits. The first digit is `1`, `5` or `7`; per the Chinese Wikipedia
/// article 澳門居民身份證 (section on the number, quoted e.g. in the Dason1986/Lib project's
/// `MacauIDCard.cs`): `1` — cards issued from 1992 on (including the "Operação Dragão" /
/// 龍的行動 regularisation) and all new cards; `5` — holders, present or past, of a Portuguese
/// identity card (BI) or Portuguese identity card for foreigners; `7` — former holders of the
/// "blue card" (蓝卡), mostly people who came lawfully from mainland China in the 1970s–1980s.
/// Digits 2–7 are the serial number and the last digit, shown in brackets, is a check digit
/// "for computer processing and to detect keying errors".
///
/// **The check digit is not verified.** The Identification Services Bureau (DSI) does not
/// publish the check algorithm, and none was found in the sources searched: the
/// University of Macau's 2023 notice on the new BIR, the English, Portuguese and Chinese Wikipedia
/// articles, python-stdnum (no Macao module) and public validator code (e.g. twinh/wei
/// `IsIdCardMo`, which checks the pattern `^[157]\d{7}$` only). Rather than invent one, this
/// scheme validates the format only and reports ``IdentifierValidation/checkCharacterVerified``
/// as `false`.
///
/// Normalization trims surrounding ASCII whitespace and removes the written separators: the
/// brackets around the last digit (`1234567(8)`) or the slashes of the older form
/// (`1/234567/8`). Full-width digits are rejected.
public struct MacauResidentIdentityScheme: IdentifierScheme {
    /// `mo-bir`.
    public let id = "mo-bir"
    /// 32 bytes.
    public let maximumInputLength = 32

    /// Creates the scheme.
    public init() {}

    /// Trims whitespace and removes the `( )` or `/ /` separators of the written forms.
    public func normalize(_ raw: String) -> String {
        let trimmed = IdentifierText.trimASCIIWhitespace(raw)
        let characters = Array(trimmed)
        let n = characters.count
        if n == 10, characters[n - 1] == ")", characters[n - 3] == "(" {
            return String(characters.prefix(7)) + String(characters[n - 2])
        }
        if n == 10, characters[1] == "/", characters[8] == "/" {
            return String(characters[0]) + String(characters[2..<8]) + String(characters[9])
        }
        return trimmed
    }

    /// Validates eight digits with a first digit of `1`, `5` or `7` (no check-digit test).
    public func validate(_ raw: String, at date: Date?) -> IdentifierValidation {
        validateNormalized(raw, checkCharacterVerified: false) { failure(of: $0) }
    }

    /// Keeps the first and the last digit.
    public func mask(_ normalized: String) -> String {
        IdentifierMask.mask(normalized, keepingFirst: 1, last: 1)
    }

    private func failure(of normalized: String) -> IdentifierValidationFailure? {
        let characters = Array(normalized)
        guard !characters.isEmpty else { return .empty }
        if let bad = characters.firstIndex(where: { !IdentifierText.isDigit($0) }) {
            return .invalidCharacter(position: bad + 1)
        }
        guard characters.count == 8 else { return .wrongLength }
        guard ["1", "5", "7"].contains(characters[0]) else { return .invalidCategory }
        return nil
    }

}
