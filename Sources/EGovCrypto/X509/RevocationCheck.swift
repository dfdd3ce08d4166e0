/// How ``CertificateChainValidator`` uses certificate revocation lists.
public enum RevocationCheck: String, Sendable, Codable, CaseIterable {
    /// Never check revocation.
    case none
    /// Check the leaf against the CRLs when any CRLs are supplied; no check when none are.
    case leafWhenCRLsSupplied
    /// Require a current CRL from the leaf's issuer (OpenSSL `X509_V_FLAG_CRL_CHECK`); without
    /// one the result is ``ChainValidationFailure/crlUnavailable`` (indeterminate).
    case leaf
    /// Require current CRLs for every certificate in the chain except the trust anchor
    /// (`X509_V_FLAG_CRL_CHECK | X509_V_FLAG_CRL_CHECK_ALL`).
    case fullChain
}
