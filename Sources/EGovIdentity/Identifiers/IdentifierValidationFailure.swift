import EGovCore

/// Why an identifier failed validation.
///
/// Every case has a stable dotted ``code`` and a readable ``reason``; neither contains any part
/// of the offending value. Positions are 1-based character positions in the normalized input.
public enum IdentifierValidationFailure: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The input is empty (or only whitespace).
    case empty
    /// The raw input is longer than the scheme accepts at all (in UTF-8 bytes).
    case tooLong(maximum: Int)
    /// The normalized input has the wrong number of characters.
    case wrongLength
    /// The character at `position` is not allowed there (this includes lowercase letters and
    /// full-width characters).
    case invalidCharacter(position: Int)
    /// Separators or segments are not where the scheme expects them.
    case invalidFormat
    /// The (main) check character does not match.
    case invalidCheckCharacter
    /// A check digit protecting one field does not match (machine readable zones have several).
    case invalidFieldCheckCharacter(field: String)
    /// An embedded code with its own check character (such as the GB 11714 organisation code
    /// inside a USCC) is invalid.
    case invalidEmbeddedCode
    /// An embedded date is not a real calendar date.
    case invalidDate
    /// An embedded birth date lies after the date of validation.
    case dateInFuture
    /// The region / administrative division code is impossible.
    case invalidRegion
    /// A category code (issuing authority, card series, document type, …) is not one the scheme
    /// defines.
    case invalidCategory

    /// A stable machine-readable code, e.g. `identity.identifier.invalid_check_character`.
    public var code: String {
        switch self {
        case .empty: "identity.identifier.empty"
        case .tooLong: "identity.identifier.too_long"
        case .wrongLength: "identity.identifier.wrong_length"
        case .invalidCharacter: "identity.identifier.invalid_character"
        case .invalidFormat: "identity.identifier.invalid_format"
        case .invalidCheckCharacter: "identity.identifier.invalid_check_character"
        case .invalidFieldCheckCharacter: "identity.identifier.invalid_field_check_character"
        case .invalidEmbeddedCode: "identity.identifier.invalid_embedded_code"
        case .invalidDate: "identity.identifier.invalid_date"
        case .dateInFuture: "identity.identifier.date_in_future"
        case .invalidRegion: "identity.identifier.invalid_region"
        case .invalidCategory: "identity.identifier.invalid_category"
        }
    }

    /// A readable explanation free of personal data.
    public var reason: String {
        switch self {
        case .empty: "The identifier is empty."
        case .tooLong(let maximum): "The input is longer than the \(maximum) bytes accepted."
        case .wrongLength: "The identifier has the wrong number of characters."
        case .invalidCharacter(let position):
            "The character at position \(position) is not allowed there (lowercase and full-width characters are not accepted)."
        case .invalidFormat: "The identifier's separators or segments are not in the expected places."
        case .invalidCheckCharacter: "The check character does not match the rest of the identifier."
        case .invalidFieldCheckCharacter(let field): "The check digit of the \(field) field does not match."
        case .invalidEmbeddedCode: "An embedded code's own check character does not match."
        case .invalidDate: "An embedded date is not a real calendar date."
        case .dateInFuture: "The embedded birth date lies after the date of validation."
        case .invalidRegion: "The region code is not possible."
        case .invalidCategory: "A category code in the identifier is not defined by its scheme."
        }
    }

    /// `code: reason`.
    public var description: String { "\(code): \(reason)" }
}
