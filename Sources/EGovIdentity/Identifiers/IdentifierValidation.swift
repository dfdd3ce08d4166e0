import EGovCore

/// The outcome of validating an identifier with an ``IdentifierScheme``.
///
/// Its ``description`` shows only the scheme, the masked value and the failure, never the value.
public struct IdentifierValidation: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The ``IdentifierScheme/id`` of the scheme that judged the input.
    public let schemeID: String
    /// The normalized input (see ``IdentifierScheme/normalize(_:)``); empty if the input was
    /// refused as too long. Personal data: do not log.
    public let normalized: String
    /// ``normalized`` masked for display.
    public let masked: String
    /// Why the input is invalid, or `nil` if it is valid.
    public let failure: IdentifierValidationFailure?
    /// Whether a check character was verified. `false` for valid values of schemes without a
    /// published check algorithm (such as `mo-bir`): such a value is only well-formed.
    public let checkCharacterVerified: Bool

    /// Creates a validation outcome.
    public init(
        schemeID: String,
        normalized: String,
        masked: String,
        failure: IdentifierValidationFailure?,
        checkCharacterVerified: Bool
    ) {
        self.schemeID = schemeID
        self.normalized = normalized
        self.masked = masked
        self.failure = failure
        self.checkCharacterVerified = failure == nil && checkCharacterVerified
    }

    /// Whether the input is a valid identifier of the scheme.
    public var isValid: Bool { failure == nil }

    /// A readable summary without personal data.
    public var description: String {
        if let failure {
            return "IdentifierValidation(\(schemeID), \(masked), invalid: \(failure.code))"
        }
        return "IdentifierValidation(\(schemeID), \(masked), valid)"
    }
}
