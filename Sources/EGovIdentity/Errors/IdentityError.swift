import EGovCore

/// Errors of the EGovIdentity module.
///
/// Codes are stable and dotted (`identity.…`); reasons never contain identifier values, names or
/// other personal data — only scheme ids and internal record ids, which are not personal data.
public enum IdentityError: EGovError, Equatable {
    /// An identifier did not validate against its scheme.
    case invalidIdentifier(schemeID: String, failure: IdentifierValidationFailure)
    /// No scheme with this id is registered.
    case unknownScheme(id: String)
    /// A scheme with this id is already registered.
    case duplicateScheme(id: String)
    /// A scheme id is not 1–32 characters of lowercase ASCII letters, digits and hyphens.
    case invalidSchemeID
    /// A mandate with this id is already registered.
    case duplicateMandate(id: MandateID)
    /// No mandate with this id is registered.
    case unknownMandate(id: MandateID)
    /// A mandate's validity period ends before it starts.
    case invalidValidityPeriod
    /// An organisation account for this organisation is already registered.
    case duplicateOrganisationAccount(organisation: OrganisationID)

    /// The stable machine-readable code.
    public var code: String {
        switch self {
        case .invalidIdentifier: "identity.identifier.invalid"
        case .unknownScheme: "identity.scheme.unknown"
        case .duplicateScheme: "identity.scheme.duplicate"
        case .invalidSchemeID: "identity.scheme.invalid_id"
        case .duplicateMandate: "identity.mandate.duplicate"
        case .unknownMandate: "identity.mandate.unknown"
        case .invalidValidityPeriod: "identity.mandate.invalid_validity_period"
        case .duplicateOrganisationAccount: "identity.account.duplicate"
        }
    }

    /// A readable explanation free of personal data.
    public var reason: String {
        switch self {
        case .invalidIdentifier(let schemeID, let failure):
            "The identifier is not a valid \(schemeID) value: \(failure.reason)"
        case .unknownScheme(let id): "No identifier scheme with id '\(id)' is registered."
        case .duplicateScheme(let id): "An identifier scheme with id '\(id)' is already registered."
        case .invalidSchemeID:
            "A scheme id must be 1–32 characters of lowercase ASCII letters, digits and hyphens."
        case .duplicateMandate(let id): "A mandate with id '\(id.rawValue)' is already registered."
        case .unknownMandate(let id): "No mandate with id '\(id.rawValue)' is registered."
        case .invalidValidityPeriod: "The validity period ends before it starts."
        case .duplicateOrganisationAccount(let organisation):
            "An account for organisation '\(organisation.rawValue)' is already registered."
        }
    }
}
