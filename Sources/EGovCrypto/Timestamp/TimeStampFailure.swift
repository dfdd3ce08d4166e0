import EGovCore

/// Why a ``TimeStampToken`` did not verify. Codes (`crypto.tsp.*`) are stable.
public enum TimeStampFailure: EGovError, Hashable {
    /// The token's message imprint is not the digest that was expected.
    case imprintMismatch
    /// The token's message imprint uses another hash algorithm than expected.
    case hashAlgorithmMismatch
    /// The token's nonce is absent or differs from the request's nonce.
    case nonceMismatch
    /// The CMS signature (or the ESS signing-certificate binding of the signer) does not verify.
    case signatureInvalid
    /// The signer's certificate is neither embedded in the token nor among the supplied
    /// intermediates.
    case noTSACertificate
    /// The TSA certificate's chain or purpose (``CertificatePurpose/timestamping``) is rejected.
    case tsaCertificateRejected(ChainValidationFailure)
    /// The token's structure is not acceptable.
    case malformed(String)

    /// Whether more data or a later validation time could turn this into a valid result (only
    /// indeterminate chain failures, see ``ChainValidationFailure/isIndeterminate``).
    public var isIndeterminate: Bool {
        if case .tsaCertificateRejected(let failure) = self { return failure.isIndeterminate }
        return false
    }

    public var code: String {
        switch self {
        case .imprintMismatch: "crypto.tsp.imprint_mismatch"
        case .hashAlgorithmMismatch: "crypto.tsp.hash_algorithm_mismatch"
        case .nonceMismatch: "crypto.tsp.nonce_mismatch"
        case .signatureInvalid: "crypto.tsp.signature_invalid"
        case .noTSACertificate: "crypto.tsp.no_tsa_certificate"
        case .tsaCertificateRejected: "crypto.tsp.tsa_certificate_rejected"
        case .malformed: "crypto.tsp.token_malformed"
        }
    }

    public var reason: String {
        switch self {
        case .imprintMismatch: "the message imprint does not match the data"
        case .hashAlgorithmMismatch: "the message imprint uses a different hash algorithm"
        case .nonceMismatch: "the nonce does not match the request"
        case .signatureInvalid: "the token signature or its signing-certificate binding is invalid"
        case .noTSACertificate: "the time-stamping authority's certificate was not found"
        case .tsaCertificateRejected(let failure): "the TSA certificate is rejected: \(failure.reason)"
        case .malformed(let detail): "the token is malformed: \(detail)"
        }
    }
}
