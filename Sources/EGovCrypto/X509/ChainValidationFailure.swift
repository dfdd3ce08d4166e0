import EGovCore

/// Why a certificate chain did not validate. Codes (`x509.chain.*`) are stable.
///
/// ``isIndeterminate`` separates failures that more data or a later time could resolve (the
/// ETSI EN 319 102-1 INDETERMINATE outcomes: missing issuer, missing or stale CRL, not yet
/// valid) from definite failures (the CLI exits 2 for indeterminate, 1 for invalid).
public enum ChainValidationFailure: EGovError, Hashable {
    /// A certificate in the chain expired before the validation time.
    case expired
    /// A certificate in the chain is not yet valid at the validation time (indeterminate).
    case notYetValid
    /// A certificate is listed as revoked on a supplied CRL.
    case revoked
    /// An issuer certificate could not be found among the intermediates and trust anchors
    /// (typically a missing intermediate; indeterminate).
    case issuerNotFound
    /// The chain ends in a self-signed certificate that is not a trust anchor.
    case untrustedRoot
    /// A CA's basic constraints path length is exceeded.
    case pathLengthExceeded
    /// The chain needs more intermediates than the validator's maximum depth.
    case depthExceeded
    /// A certificate signature does not verify (for SM2 also: wrong distinguishing ID).
    case signatureInvalid
    /// An issuing certificate is not a valid CA (no basicConstraints cA, or no keyCertSign).
    case invalidCA
    /// The leaf's key usage or extended key usage does not fit the requested purpose.
    case purposeMismatch(String)
    /// Revocation checking was required but no CRL from the relevant issuer was supplied
    /// (indeterminate).
    case crlUnavailable
    /// The relevant CRL's nextUpdate is before the validation time (indeterminate).
    case crlExpired
    /// The relevant CRL's thisUpdate is after the validation time (indeterminate).
    case crlNotYetValid
    /// A CRL signature does not verify.
    case crlSignatureInvalid
    /// A certificate or CRL is malformed or violates RFC 5280 strict rules.
    case malformed
    /// Any other OpenSSL verification error: the `X509_V_ERR_*` code and OpenSSL's text.
    case other(Int32, String)

    /// Whether more data or a later validation time could turn this into a valid result.
    public var isIndeterminate: Bool {
        switch self {
        case .notYetValid, .issuerNotFound, .crlUnavailable, .crlExpired, .crlNotYetValid: true
        default: false
        }
    }

    public var code: String {
        switch self {
        case .expired: "x509.chain.expired"
        case .notYetValid: "x509.chain.not_yet_valid"
        case .revoked: "x509.chain.revoked"
        case .issuerNotFound: "x509.chain.issuer_not_found"
        case .untrustedRoot: "x509.chain.untrusted_root"
        case .pathLengthExceeded: "x509.chain.path_length_exceeded"
        case .depthExceeded: "x509.chain.depth_exceeded"
        case .signatureInvalid: "x509.chain.signature_invalid"
        case .invalidCA: "x509.chain.invalid_ca"
        case .purposeMismatch: "x509.chain.purpose_mismatch"
        case .crlUnavailable: "x509.chain.crl_unavailable"
        case .crlExpired: "x509.chain.crl_expired"
        case .crlNotYetValid: "x509.chain.crl_not_yet_valid"
        case .crlSignatureInvalid: "x509.chain.crl_signature_invalid"
        case .malformed: "x509.chain.malformed"
        case .other: "x509.chain.other"
        }
    }

    public var reason: String {
        switch self {
        case .expired: "a certificate in the chain has expired"
        case .notYetValid: "a certificate in the chain is not yet valid"
        case .revoked: "a certificate in the chain is revoked"
        case .issuerNotFound: "an issuer certificate was not found (missing intermediate?)"
        case .untrustedRoot: "the chain ends in a root that is not trusted"
        case .pathLengthExceeded: "a CA path length constraint is exceeded"
        case .depthExceeded: "the chain is longer than the maximum depth"
        case .signatureInvalid: "a certificate signature is invalid"
        case .invalidCA: "an issuing certificate is not a valid CA"
        case .purposeMismatch(let detail): "the certificate does not fit the purpose: \(detail)"
        case .crlUnavailable: "no CRL is available for a certificate that must be checked"
        case .crlExpired: "the CRL has expired"
        case .crlNotYetValid: "the CRL is not yet valid"
        case .crlSignatureInvalid: "the CRL signature is invalid"
        case .malformed: "a certificate or CRL is malformed or violates RFC 5280"
        case .other(let code, let text): "OpenSSL verification error \(code): \(text)"
        }
    }
}
