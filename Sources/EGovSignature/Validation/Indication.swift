/// The main status of a signature validation, ETSI EN 319 102-1 section 5.1.3.
public enum Indication: String, Sendable, Hashable, Codable {
    /// The signature passed every check of the policy.
    case totalPassed = "TOTAL_PASSED"
    /// The signature is invalid: a cryptographic or format check failed, or the certificate was
    /// revoked, expired or not yet valid at signing time.
    case totalFailed = "TOTAL_FAILED"
    /// The checks could not conclude either way (missing chain, missing proof of existence,
    /// constraints not met, revocation information unavailable).
    case indeterminate = "INDETERMINATE"
}

/// Why a validation did not pass, ETSI EN 319 102-1 tables 5 and 6.
public enum SubIndication: String, Sendable, Hashable, Codable, CaseIterable {
    // TOTAL_FAILED
    /// The signature does not conform to its format (JWS, CMS/CAdES).
    case formatFailure = "FORMAT_FAILURE"
    /// The signed data's digest does not match the one in the signature.
    case hashFailure = "HASH_FAILURE"
    /// The signature value does not verify with the signer's public key.
    case sigCryptoFailure = "SIG_CRYPTO_FAILURE"
    /// The signing certificate was revoked at the signing time.
    case revoked = "REVOKED"
    /// The signing time is after the signing certificate's notAfter.
    case expired = "EXPIRED"
    /// The signing time is before the signing certificate's notBefore.
    case notYetValid = "NOT_YET_VALID"
    // INDETERMINATE
    /// A signature property does not meet the policy's constraints (level, kind, age, time-stamp).
    case sigConstraintsFailure = "SIG_CONSTRAINTS_FAILURE"
    /// The certificate chain does not meet the constraints (key usage, purpose).
    case chainConstraintsFailure = "CHAIN_CONSTRAINTS_FAILURE"
    /// The chain could not be validated for another reason.
    case certificateChainGeneralFailure = "CERTIFICATE_CHAIN_GENERAL_FAILURE"
    /// An algorithm (or key size) is not allowed by the policy.
    case cryptoConstraintsFailure = "CRYPTO_CONSTRAINTS_FAILURE"
    /// The policy could not be processed.
    case policyProcessingError = "POLICY_PROCESSING_ERROR"
    /// The signing certificate cannot be identified (missing, or it does not match the signed reference).
    case noSigningCertificateFound = "NO_SIGNING_CERTIFICATE_FOUND"
    /// No chain to a trusted anchor could be built.
    case noCertificateChainFound = "NO_CERTIFICATE_CHAIN_FOUND"
    /// The certificate is revoked and no proof shows the signature existed before the revocation.
    case revokedNoPOE = "REVOKED_NO_POE"
    /// The certificate is outside its validity at validation time and no proof of existence
    /// places the signature inside it.
    case outOfBoundsNoPOE = "OUT_OF_BOUNDS_NO_POE"
    /// A time-stamp's time is not consistent with the signature (e.g. before the claimed signing time).
    case timestampOrderFailure = "TIMESTAMP_ORDER_FAILURE"
    /// Revocation information is not available or not current: validate again later.
    case tryLater = "TRY_LATER"
    /// The signed data (detached content) was not supplied.
    case signedDataNotFound = "SIGNED_DATA_NOT_FOUND"

    /// The indication this sub-indication belongs to.
    public var indication: Indication {
        switch self {
        case .formatFailure, .hashFailure, .sigCryptoFailure, .revoked, .expired, .notYetValid: .totalFailed
        default: .indeterminate
        }
    }
}
