/// The outcome of checking one SignerInfo's signature (see ``CMSSignerInfo/verifySignature(content:sm2ID:)``).
///
/// This is cryptographic verification only: certificate chains, key usage, revocation and time
/// are checked by another layer.
public enum CMSSignerVerification: Sendable, Hashable {
    /// The signature is valid for the content.
    case valid
    /// The content is detached and was not supplied.
    case contentMissing
    /// The message-digest signed attribute differs from the digest of the content (the content
    /// was changed), or supplied content differs from the encapsulated content.
    case hashMismatch
    /// The signature does not verify with the signer certificate's key.
    case signatureInvalid
    /// A required signed attribute is missing (`content-type`, `message-digest`), or the
    /// content-type attribute differs from the encapsulated content type (reported as
    /// `content-type`), or signed attributes are absent although the content is not id-data.
    case missingSignedAttribute(String)
    /// The digest or signature algorithm (dotted OID) is not one EGovKit verifies.
    case unsupportedAlgorithm(String)
    /// No embedded certificate matches the signer identifier.
    case noSignerCertificate

    /// Whether the result is ``valid``.
    public var isValid: Bool { self == .valid }
}
