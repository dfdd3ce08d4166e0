import EGovCore
import Foundation

/// A JSON-friendly description of a ``Certificate``: strings, hex and ISO 8601 dates only.
///
/// Used by `egov x509 show`. It contains the subject and SAN, which may be personal data.
public struct CertificateSummary: Sendable, Hashable, Codable {
    /// Subject name, RFC 4514.
    public var subject: String
    /// Issuer name, RFC 4514.
    public var issuer: String
    /// Serial number, lowercase hex.
    public var serialNumber: String
    /// Start of validity, ISO 8601 (UTC).
    public var notBefore: String
    /// End of validity, ISO 8601 (UTC).
    public var notAfter: String
    /// Key usage names (RFC 5280 spelling); `nil` when the extension is absent.
    public var keyUsage: [String]?
    /// Extended key usage OIDs.
    public var extendedKeyUsage: [String]
    /// Subject alternative names in textual form (`DNS:...`, `email:...`, `IP:...`).
    public var subjectAlternativeNames: [String]
    /// Certificate policy OIDs.
    public var policies: [String]
    /// Whether qcStatements are present.
    public var hasQCStatements: Bool
    /// QC statement IDs.
    public var qcStatementOIDs: [String]
    /// Subject key identifier, lowercase hex.
    public var subjectKeyIdentifier: String?
    /// Authority key identifier, lowercase hex.
    public var authorityKeyIdentifier: String?
    /// Whether the certificate is a CA.
    public var isCA: Bool
    /// Path length constraint.
    public var pathLengthConstraint: Int?
    /// The subject key type, e.g. `P-256`, `SM2`, `RSA-2048`.
    public var publicKeyType: String
    /// Signature algorithm OID.
    public var signatureAlgorithmOID: String
    /// Whether the certificate is self-issued.
    public var isSelfIssued: Bool
    /// SHA-256 fingerprint, lowercase hex.
    public var sha256Fingerprint: String

    /// Builds the summary of `certificate`.
    public init(_ certificate: Certificate) {
        subject = certificate.subject.description
        issuer = certificate.issuer.description
        serialNumber = certificate.serialNumber
        notBefore = RFC3339Time.format(certificate.notBefore, precision: .seconds)
        notAfter = RFC3339Time.format(certificate.notAfter, precision: .seconds)
        keyUsage = certificate.keyUsage?.names
        extendedKeyUsage = certificate.extendedKeyUsage
        subjectAlternativeNames = certificate.subjectAlternativeNames.map(\.description)
        policies = certificate.policies
        hasQCStatements = certificate.hasQCStatements
        qcStatementOIDs = certificate.qcStatementOIDs
        subjectKeyIdentifier = certificate.subjectKeyIdentifier.map { Hex.encode($0) }
        authorityKeyIdentifier = certificate.authorityKeyIdentifier.map { Hex.encode($0) }
        isCA = certificate.isCA
        pathLengthConstraint = certificate.pathLengthConstraint
        publicKeyType = certificate.publicKey.keyType.description
        signatureAlgorithmOID = certificate.signatureAlgorithmOID
        isSelfIssued = certificate.isSelfIssued
        sha256Fingerprint = Hex.encode(certificate.fingerprint(.sha256))
    }
}
