import EGovCore
import Foundation

/// `cn-rid`: the citizen identity number of the People's Republic of China (公民身份号码),
/// GB 11643-1999.
///
/// Structure (18 characters, written without separators):
/// - positions 1–6: address code (GB/T 2260 administrative division). Only the format is
///   checked — six digits whose first digit is `1`–`8` (the GB/T 2260 regional first digits;
///   `8` covers the codes 81/82/83 used on residence permits for Hong Kong, Macao and Taiwan
///   residents). No region table is embedded, so a well-formed but unassigned code passes.
/// - positions 7–14: birth date `YYYYMMDD`, a real Gregorian date from 1800 on, and — when a
///   validation date is given — not after that date's calendar day in China Standard Time
///   (UTC+8).
/// - positions 15–17: sequence code (odd for men, even for women; not checked).
/// - position 18: ISO/IEC 7064 MOD 11-2 check character over positions 1–17, `0`–`9` or `X`.
///
/// Normalization only trims surrounding ASCII whitespace: the written form has no separators.
/// A lowercase `x` check character and full-width digits are rejected as invalid characters.
///
/// Published example: `11010519491231002X` (the worked example of GB 11643-1999).
public struct CNResidentIdentityScheme: IdentifierScheme {
    /// `cn-rid`.
    public let id = "cn-rid"
    /// 64 bytes.
    public let maximumInputLength = 64

    /// Creates the scheme.
    public init() {}

    /// Validates length, characters, region format, birth date and the MOD 11-2 check.
    public func validate(_ raw: String, at date: Date?) -> IdentifierValidation {
        validateNormalized(raw) { failure(of: $0, at: date) }
    }

    /// Keeps the first two and last two characters.
    public func mask(_ normalized: String) -> String {
        IdentifierMask.mask(normalized, keepingFirst: 2, last: 2)
    }

    private func failure(of normalized: String, at date: Date?) -> IdentifierValidationFailure? {
        let characters = Array(normalized)
        guard !characters.isEmpty else { return .empty }
        for (index, character) in characters.enumerated() {
            let allowed = IdentifierText.isDigit(character) || (index == 17 && character == "X")
            if !allowed { return .invalidCharacter(position: index + 1) }
        }
        guard characters.count == 18 else { return .wrongLength }
        guard let first = characters[0].wholeNumberValue, (1...8).contains(first) else {
            return .invalidRegion
        }
        guard let year = IdentifierText.number(characters[6..<10]),
            let month = IdentifierText.number(characters[10..<12]),
            let day = IdentifierText.number(characters[12..<14]),
            year >= 1800,
            IdentifierText.isRealDate(year: year, month: month, day: day)
        else { return .invalidDate }
        if let date {
            let birthDay = IdentifierText.daysSinceEpoch(year: year, month: month, day: day)
            let today = IdentifierText.dayNumber(of: date, utcOffsetSeconds: 8 * 3600)
            if birthDay > today { return .dateInFuture }
        }
        guard ISO7064.isValidMod11_2(normalized) else { return .invalidCheckCharacter }
        return nil
    }

}
