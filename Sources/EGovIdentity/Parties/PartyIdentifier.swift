import EGovCore

/// An identifier held by a party: a scheme id and the normalized value.
///
/// The value is personal data: ``description`` shows the scheme and the masked form only.
public struct PartyIdentifier: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The ``IdentifierScheme/id`` of the scheme, e.g. `mo-bir`.
    public let schemeID: String
    /// The normalized value. Personal data: do not log.
    public let value: String
    /// The masked display form of ``value``.
    public let masked: String

    /// Creates an identifier from a successful validation.
    ///
    /// - Throws: ``IdentityError/invalidIdentifier(schemeID:failure:)`` if the validation failed.
    public init(_ validation: IdentifierValidation) throws(IdentityError) {
        if let failure = validation.failure {
            throw .invalidIdentifier(schemeID: validation.schemeID, failure: failure)
        }
        schemeID = validation.schemeID
        value = validation.normalized
        masked = validation.masked
    }

    /// Creates an identifier from trusted stored data without validating it; the value is
    /// masked with the generic rule (first two and last character kept).
    public init(schemeID: String, value: String) {
        self.schemeID = schemeID
        self.value = value
        masked = IdentifierMask.mask(value, keepingFirst: 2, last: 1)
    }

    /// `scheme: masked`; never the value.
    public var description: String { "\(schemeID): \(masked)" }
}
