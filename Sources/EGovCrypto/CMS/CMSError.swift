import EGovCore

/// Why CMS (RFC 5652) input was refused or a CMS structure could not be produced.
///
/// Codes are stable (`crypto.cms.*`). Reasons describe the structural problem only; they never
/// contain key material, signed content or names from certificates.
public enum CMSError: EGovError, Equatable {
    /// The input exceeds a parser limit (bytes, signers or certificates).
    case inputTooLarge(what: String, limit: Int)
    /// PEM text is not well formed, or holds something other than exactly one block.
    case malformedPEM(String)
    /// The PEM label is neither `CMS` nor `PKCS7`.
    case unexpectedPEMLabel(found: String)
    /// The bytes are not a well-formed CMS ContentInfo / SignedData.
    case malformedDER(String)
    /// The ContentInfo holds a content type other than id-signedData (dotted OID given).
    case notSignedData(contentTypeOID: String)
    /// The SignedData has no SignerInfo.
    case noSigners
    /// A signed or unsigned attribute is malformed (duplicated, multi-valued or of the wrong type).
    case malformedAttribute(String)
    /// An embedded certificate cannot be parsed or uses an unsupported key.
    case invalidCertificate(String)
    /// An embedded revocation list (SignedData `crls`) cannot be parsed.
    case invalidRevocationList(String)
    /// A signer index is outside the SignerInfo list.
    case signerIndexOutOfRange(index: Int, count: Int)
    /// The content is detached and was not supplied.
    case contentMissing
    /// The supplied content differs from the encapsulated content.
    case contentMismatch
    /// The signing key does not belong to the certificate, or its algorithm does not fit it.
    case certificateKeyMismatch
    /// The algorithm (dotted OID or name) is not supported for CMS.
    case unsupportedAlgorithm(String)
    /// The signing key failed or returned a signature that does not verify.
    case signingFailed(String)
    /// An attribute value is not exactly one DER element.
    case invalidAttributeValue(String)
    /// OpenSSL failed in an operation that should not fail on valid input.
    case engineFailure(operation: String, detail: String)

    public var code: String {
        switch self {
        case .inputTooLarge: "crypto.cms.too_large"
        case .malformedPEM: "crypto.cms.pem_malformed"
        case .unexpectedPEMLabel: "crypto.cms.pem_unexpected_label"
        case .malformedDER: "crypto.cms.malformed"
        case .notSignedData: "crypto.cms.not_signed_data"
        case .noSigners: "crypto.cms.no_signers"
        case .malformedAttribute: "crypto.cms.malformed_attribute"
        case .invalidCertificate: "crypto.cms.invalid_certificate"
        case .invalidRevocationList: "crypto.cms.invalid_revocation_list"
        case .signerIndexOutOfRange: "crypto.cms.signer_index"
        case .contentMissing: "crypto.cms.content_missing"
        case .contentMismatch: "crypto.cms.content_mismatch"
        case .certificateKeyMismatch: "crypto.cms.certificate_key_mismatch"
        case .unsupportedAlgorithm: "crypto.cms.unsupported_algorithm"
        case .signingFailed: "crypto.cms.signing_failed"
        case .invalidAttributeValue: "crypto.cms.invalid_attribute_value"
        case .engineFailure: "crypto.cms.engine_failure"
        }
    }

    public var reason: String {
        switch self {
        case .inputTooLarge(let what, let limit): "\(what) exceeds the limit of \(limit)"
        case .malformedPEM(let detail): "malformed CMS PEM: \(detail)"
        case .unexpectedPEMLabel(let found): "PEM label '\(found)' is not accepted here (expected CMS or PKCS7)"
        case .malformedDER(let detail): "malformed CMS: \(detail)"
        case .notSignedData(let oid): "the ContentInfo holds content type \(oid), not id-signedData"
        case .noSigners: "the SignedData has no SignerInfo"
        case .malformedAttribute(let detail): "malformed CMS attribute: \(detail)"
        case .invalidCertificate(let detail): "invalid embedded certificate: \(detail)"
        case .invalidRevocationList(let detail): "invalid embedded revocation list: \(detail)"
        case .signerIndexOutOfRange(let index, let count): "signer index \(index) is outside 0..<\(count)"
        case .contentMissing: "the content is detached and was not supplied"
        case .contentMismatch: "the supplied content differs from the encapsulated content"
        case .certificateKeyMismatch: "the signing key does not match the certificate"
        case .unsupportedAlgorithm(let name): "algorithm \(name) is not supported for CMS"
        case .signingFailed(let detail): "signing failed: \(detail)"
        case .invalidAttributeValue(let detail): "invalid attribute value: \(detail)"
        case .engineFailure(let operation, let detail): "OpenSSL failed in \(operation): \(detail)"
        }
    }

    /// Maps an EGovCrypto error raised by a helper into this domain.
    static func from(_ error: CryptoError) -> CMSError {
        switch error {
        case .inputTooLarge(let what, let limit): .inputTooLarge(what: what, limit: limit)
        case .malformedPEM(let detail): .malformedPEM(detail)
        case .unexpectedPEMLabel(let found, _): .unexpectedPEMLabel(found: found)
        case .malformedDER(let what): .malformedDER(what)
        case .engineFailure(let operation, let detail): .engineFailure(operation: operation, detail: detail)
        default: .malformedDER(error.reason)
        }
    }
}
