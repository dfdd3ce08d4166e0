/// What a leaf certificate is to be used for; ``CertificateChainValidator`` checks the leaf
/// against these rules after the cryptographic chain validates.
///
/// Rules applied to the leaf (CA certificates are checked by OpenSSL's chain rules only):
/// - ``any``: nothing beyond the chain.
/// - ``signing`` (a natural person's document signature) and ``seal`` (an organisation's
///   electronic seal): keyUsage must be present and contain digitalSignature or
///   nonRepudiation (contentCommitment). If extendedKeyUsage is present it must contain at
///   least one purpose compatible with document signing: emailProtection, documentSigning
///   (RFC 9336), anyExtendedKeyUsage, Adobe Authentic Documents Trust or Microsoft document
///   signing; a certificate whose EKU lists only e.g. serverAuth, clientAuth, codeSigning or
///   timeStamping is refused. ``seal`` additionally requires an organizationName in the subject
///   (ETSI EN 319 412-3).
/// - ``server``: keyUsage present with digitalSignature, and extendedKeyUsage containing
///   serverAuth.
/// - ``timestamping``: extendedKeyUsage present, marked critical and containing exactly one
///   purpose, timeStamping (RFC 3161 section 2.3); keyUsage present with digitalSignature or
///   nonRepudiation.
public enum CertificatePurpose: String, Sendable, Codable, CaseIterable {
    /// No purpose-specific rules.
    case any
    /// Document signing by a natural person.
    case signing
    /// Electronic seal of an organisation.
    case seal
    /// TLS server.
    case server
    /// RFC 3161 time-stamping authority.
    case timestamping

    /// EKU purposes compatible with signing documents.
    static let documentSigningCompatible: Set<String> = [
        ExtendedKeyUsage.emailProtection, ExtendedKeyUsage.documentSigning, ExtendedKeyUsage.any,
        ExtendedKeyUsage.adobeAuthenticDocumentsTrust, ExtendedKeyUsage.microsoftDocumentSigning,
    ]

    /// Checks `certificate` against this purpose; returns a description of the first violated
    /// rule (free of personal data), or `nil` when the certificate fits.
    public func violation(in certificate: Certificate) -> String? {
        let usage = certificate.keyUsage
        let eku = certificate.extendedKeyUsage
        switch self {
        case .any:
            return nil
        case .signing, .seal:
            guard let usage else { return "keyUsage extension is missing" }
            guard !usage.isDisjoint(with: [.digitalSignature, .nonRepudiation]) else {
                return "keyUsage lacks digitalSignature and nonRepudiation"
            }
            if !eku.isEmpty, Self.documentSigningCompatible.isDisjoint(with: eku) {
                return "extendedKeyUsage excludes document signing"
            }
            if self == .seal, certificate.subject.organizationName == nil {
                return "seal certificate subject lacks organizationName"
            }
            return nil
        case .server:
            guard let usage else { return "keyUsage extension is missing" }
            guard usage.contains(.digitalSignature) else { return "keyUsage lacks digitalSignature" }
            guard eku.contains(ExtendedKeyUsage.serverAuth) else {
                return "extendedKeyUsage lacks serverAuth"
            }
            return nil
        case .timestamping:
            guard eku == [ExtendedKeyUsage.timeStamping] else {
                return "extendedKeyUsage must be exactly timeStamping"
            }
            guard certificate.isExtendedKeyUsageCritical else {
                return "extendedKeyUsage must be critical"
            }
            guard let usage else { return "keyUsage extension is missing" }
            guard !usage.isDisjoint(with: [.digitalSignature, .nonRepudiation]) else {
                return "keyUsage lacks digitalSignature and nonRepudiation"
            }
            return nil
        }
    }
}
