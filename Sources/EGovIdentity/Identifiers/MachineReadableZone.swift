import EGovCore

/// The fields of a TD3 (passport) machine readable zone, ICAO Doc 9303 Part 4.
///
/// Produced by ``MRZTD3Scheme/parse(_:)`` only after every check digit has been verified.
/// Names and numbers are personal data: ``description`` shows only the document code and the
/// issuing state.
public struct MachineReadableZone: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The holder's sex as recorded in the MRZ.
    public enum Sex: String, Sendable, Hashable, Codable {
        /// `M`.
        case male = "M"
        /// `F`.
        case female = "F"
        /// `X` (ICAO Doc 9303, 8th edition).
        case unspecified = "X"
        /// `<`: not recorded.
        case notRecorded = "<"
    }

    /// The fields protected by a check digit, with the stable names used in
    /// ``IdentifierValidationFailure/invalidFieldCheckCharacter(field:)``.
    public enum CheckedField: String, Sendable, Hashable, Codable, CaseIterable {
        /// Line 2, positions 1–9, check digit at 10.
        case documentNumber
        /// Line 2, positions 14–19, check digit at 20.
        case birthDate
        /// Line 2, positions 22–27, check digit at 28.
        case expiryDate
        /// Line 2, positions 29–42 (personal number / optional data), check digit at 43.
        case optionalData
        /// Line 2, position 44, over positions 1–10, 14–20 and 22–43.
        case composite
    }

    /// Document code, line 1 positions 1–2 with fillers removed (e.g. `P`, `PD`).
    public let documentCode: String
    /// Issuing state or organisation, line 1 positions 3–5, fillers removed (e.g. `UTO`, `D`).
    public let issuingState: String
    /// Primary identifier (surname), fillers replaced by spaces.
    public let primaryIdentifier: String
    /// Secondary identifier (given names), fillers replaced by single spaces; empty if none.
    public let secondaryIdentifier: String
    /// Document number, line 2 positions 1–9, trailing fillers removed.
    public let documentNumber: String
    /// Nationality, line 2 positions 11–13, fillers removed.
    public let nationality: String
    /// Date of birth as `YYMMDD`, exactly as in the MRZ (the century is not encoded).
    public let birthDate: String
    /// Sex, line 2 position 21.
    public let sex: Sex
    /// Date of expiry as `YYMMDD`.
    public let expiryDate: String
    /// Personal number or optional data, line 2 positions 29–42, trailing fillers removed.
    public let optionalData: String

    /// Creates the parsed fields.
    public init(
        documentCode: String, issuingState: String, primaryIdentifier: String, secondaryIdentifier: String,
        documentNumber: String, nationality: String, birthDate: String, sex: Sex, expiryDate: String,
        optionalData: String
    ) {
        self.documentCode = documentCode
        self.issuingState = issuingState
        self.primaryIdentifier = primaryIdentifier
        self.secondaryIdentifier = secondaryIdentifier
        self.documentNumber = documentNumber
        self.nationality = nationality
        self.birthDate = birthDate
        self.sex = sex
        self.expiryDate = expiryDate
        self.optionalData = optionalData
    }

    /// Only the document code and issuing state; never names, numbers or dates.
    public var description: String {
        "MachineReadableZone(\(documentCode), issuer: \(issuingState))"
    }

    /// The ICAO 9303 check digit (weights 7, 3, 1 repeating; `0`–`9` valued 0–9, `A`–`Z` 10–35,
    /// filler `<` 0; sum mod 10) of `field`, or `nil` if it contains any other character.
    public static func checkDigit(for field: some Sequence<Character>) -> Character? {
        let weights = [7, 3, 1]
        var sum = 0
        for (index, character) in field.enumerated() {
            let value: Int
            if character == "<" {
                value = 0
            } else if let v = ISO7064.alphanumericValue(character) {
                value = v
            } else {
                return nil
            }
            sum += value * weights[index % 3]
        }
        return Character(String(sum % 10))
    }
}
