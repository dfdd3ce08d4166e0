/// The outcome of validating a signed document: the report, and the signed content when the
/// signature carried it (attached JWS payload, attached CMS content).
///
/// Use `content` only when `report.indication == .totalPassed`.
public struct DocumentValidation: Sendable {
    /// The validation report.
    public let report: ValidationReport
    /// The signed content, if it was inside the signature container.
    public let content: [UInt8]?
}
