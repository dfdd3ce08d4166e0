import EGovCore
import Foundation

/// `mrz-td3`: the two-line machine readable zone of a TD3 size machine readable passport,
/// ICAO Doc 9303 Part 4 (8th edition, 2021).
///
/// Accepted input: two lines of exactly 44 characters from `A`–`Z`, `0`–`9` and the filler `<`,
/// joined by a line feed (`\n`) or CR LF. Normalization trims surrounding ASCII whitespace and
/// turns CR LF into LF; nothing else (lowercase and full-width characters are rejected).
///
/// Validated: the document code starts with `P`; issuing state and nationality are three
/// letters or fillers; the birth and expiry dates are six digits forming a month 01–12 and a
/// day valid in that month (February 29 is allowed since the century is not encoded); the sex
/// is `M`, `F`, `X` or `<`; and every check digit with the 7-3-1 weighting: document number,
/// birth date, expiry date, optional data (a filler or `0` is accepted when the optional data
/// field is all fillers) and the composite. Dates with unknown parts written as fillers are
/// reported as ``IdentifierValidationFailure/invalidDate``.
///
/// The ICAO 9303 Part 4 specimen validates:
/// `P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<` / `L898902C36UTO7408122F1204159ZE184226B<<<<<10`.
public struct MRZTD3Scheme: IdentifierScheme {
    /// `mrz-td3`.
    public let id = "mrz-td3"
    /// 128 bytes (two 44-character lines, a line break and some surrounding whitespace).
    public let maximumInputLength = 128

    /// Creates the scheme.
    public init() {}

    /// Trims surrounding ASCII whitespace and normalizes a CR LF line break to LF.
    public func normalize(_ raw: String) -> String {
        IdentifierText.trimASCIIWhitespace(raw).replacingOccurrences(of: "\r\n", with: "\n")
    }

    /// Validates the structure and all check digits.
    public func validate(_ raw: String, at date: Date?) -> IdentifierValidation {
        guard raw.utf8.count <= maximumInputLength else {
            return validation("", .tooLong(maximum: maximumInputLength))
        }
        let normalized = normalize(raw)
        switch analyse(normalized) {
        case .success: return validation(normalized, nil)
        case .failure(let failure): return validation(normalized, failure)
        }
    }

    /// Parses a machine readable zone, verifying every check digit.
    ///
    /// - Throws: ``IdentityError/invalidIdentifier(schemeID:failure:)`` if it is not a valid
    ///   TD3 MRZ.
    public func parse(_ raw: String) throws(IdentityError) -> MachineReadableZone {
        guard raw.utf8.count <= maximumInputLength else {
            throw .invalidIdentifier(schemeID: id, failure: .tooLong(maximum: maximumInputLength))
        }
        switch analyse(normalize(raw)) {
        case .success(let zone): return zone
        case .failure(let failure): throw .invalidIdentifier(schemeID: id, failure: failure)
        }
    }

    /// Shows the document code and issuing state (line 1 positions 1–5) and hides the rest,
    /// without revealing its length.
    public func mask(_ normalized: String) -> String {
        let head = normalized.prefix(5)
        guard head.count == 5, head.allSatisfy({ $0.isASCII && $0 != "\n" }) else { return "********" }
        return String(head) + "********"
    }

    private func analyse(_ normalized: String) -> Result<MachineReadableZone, IdentifierValidationFailure> {
        guard !normalized.isEmpty else { return .failure(.empty) }
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 2 else { return .failure(.invalidFormat) }
        let line1 = Array(lines[0])
        let line2 = Array(lines[1])
        for (offset, line) in [(0, line1), (45, line2)] {
            if let bad = line.firstIndex(where: {
                !(IdentifierText.isDigit($0) || IdentifierText.isUppercaseLetter($0) || $0 == "<")
            }) {
                return .failure(.invalidCharacter(position: offset + bad + 1))
            }
        }
        guard line1.count == 44, line2.count == 44 else { return .failure(.wrongLength) }
        guard line1[0] == "P" else { return .failure(.invalidCategory) }
        let stateLike: (ArraySlice<Character>) -> Bool = {
            $0.allSatisfy { IdentifierText.isUppercaseLetter($0) || $0 == "<" }
        }
        guard stateLike(line1[2..<5]), stateLike(line2[10..<13]) else { return .failure(.invalidFormat) }
        guard Self.isMRZDate(line2[13..<19]), Self.isMRZDate(line2[21..<27]) else { return .failure(.invalidDate) }
        guard let sex = MachineReadableZone.Sex(rawValue: String(line2[20])) else { return .failure(.invalidFormat) }

        let checks: [(MachineReadableZone.CheckedField, ArraySlice<Character>, Character)] = [
            (.documentNumber, line2[0..<9], line2[9]),
            (.birthDate, line2[13..<19], line2[19]),
            (.expiryDate, line2[21..<27], line2[27]),
        ]
        for (field, value, check) in checks where MachineReadableZone.checkDigit(for: value) != check {
            return .failure(.invalidFieldCheckCharacter(field: field.rawValue))
        }
        let optional = line2[28..<42]
        let optionalIsEmpty = optional.allSatisfy { $0 == "<" }
        let optionalOK =
            MachineReadableZone.checkDigit(for: optional) == line2[42] || (optionalIsEmpty && line2[42] == "<")
        guard optionalOK else {
            return .failure(.invalidFieldCheckCharacter(field: MachineReadableZone.CheckedField.optionalData.rawValue))
        }
        let composite = line2[0..<10] + line2[13..<20] + line2[21..<43]
        guard MachineReadableZone.checkDigit(for: composite) == line2[43] else {
            return .failure(.invalidFieldCheckCharacter(field: MachineReadableZone.CheckedField.composite.rawValue))
        }

        let names = String(line1[5..<44])
        let (primary, secondary) = Self.splitNames(names)
        return .success(
            MachineReadableZone(
                documentCode: Self.stripFillers(line1[0..<2]),
                issuingState: Self.stripFillers(line1[2..<5]),
                primaryIdentifier: primary,
                secondaryIdentifier: secondary,
                documentNumber: Self.stripFillers(line2[0..<9]),
                nationality: Self.stripFillers(line2[10..<13]),
                birthDate: String(line2[13..<19]),
                sex: sex,
                expiryDate: String(line2[21..<27]),
                optionalData: Self.stripFillers(optional)
            ))
    }

    private static func isMRZDate(_ characters: ArraySlice<Character>) -> Bool {
        let digits = Array(characters)
        guard digits.count == 6, let yy = IdentifierText.number(digits[0..<2]),
            let month = IdentifierText.number(digits[2..<4]), let day = IdentifierText.number(digits[4..<6])
        else { return false }
        // The century is not encoded: treat years divisible by 4 as leap years.
        return IdentifierText.isRealDate(year: 2000 + yy, month: month, day: day)
    }

    private static func stripFillers(_ characters: ArraySlice<Character>) -> String {
        String(characters).split(separator: "<").joined(separator: " ")
    }

    private static func splitNames(_ field: String) -> (String, String) {
        let trimmed = field.reversed().drop(while: { $0 == "<" }).reversed()
        let text = String(trimmed)
        guard let range = text.range(of: "<<") else { return (stripFillers(ArraySlice(text)), "") }
        let primary = stripFillers(ArraySlice(text[..<range.lowerBound]))
        let secondary = stripFillers(ArraySlice(text[range.upperBound...]))
        return (primary, secondary)
    }

}
