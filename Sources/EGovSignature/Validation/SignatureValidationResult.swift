import EGovCore
import EGovCrypto
import Foundation

/// Who signed, as far as the signing certificate says. Names are personal data: reports are for
/// the department handling the case, and descriptions do not print them.
public struct SignerIdentity: Sendable, Hashable, Codable {
    /// The certificate subject (RFC 4514).
    public var subject: String
    /// The subject's common name.
    public var commonName: String?
    /// The subject's organisation (for seals).
    public var organization: String?
    /// The certificate's serial number (hex).
    public var certificateSerial: String
    /// The issuing CA's subject.
    public var issuer: String
    /// SHA-256 fingerprint of the certificate (hex).
    public var fingerprint: String

    /// The identity stated by `certificate`.
    public init(_ certificate: Certificate) {
        subject = certificate.subject.description
        commonName = certificate.subject.commonName
        organization = certificate.subject.organizationName
        certificateSerial = certificate.serialNumber
        issuer = certificate.issuer.description
        fingerprint = Hex.encode(certificate.fingerprint(.sha256))
    }
}

/// The validation result of one signature, in the ETSI EN 319 102-1 vocabulary.
public struct SignatureValidationResult: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The signature's label within the document.
    public var identifier: String
    /// The container format.
    public var format: SignatureFormat
    /// TOTAL_PASSED, TOTAL_FAILED or INDETERMINATE.
    public var indication: Indication
    /// Why it did not pass.
    public var subIndication: SubIndication?
    /// The level determined (only for signatures whose signature, chain and times check out).
    public var level: SignatureLevel?
    /// Signature (natural person) or seal (organisation).
    public var kind: SignatureKind?
    /// The signer as the certificate states.
    public var signer: SignerIdentity?
    /// The algorithm used.
    public var algorithm: SignatureAlgorithm?
    /// The signing time the signer claims.
    public var claimedSigningTime: Date?
    /// The earliest time a trusted time-stamp proves the signature existed.
    public var provenSigningTime: Date?
    /// The chain used, leaf first (subjects).
    public var certificateChain: [String]
    /// Problems found, most important first.
    public var errors: [String]
    /// Observations that did not change the indication.
    public var warnings: [String]

    /// Creates a result.
    public init(
        identifier: String, format: SignatureFormat, indication: Indication, subIndication: SubIndication? = nil,
        level: SignatureLevel? = nil, kind: SignatureKind? = nil, signer: SignerIdentity? = nil,
        algorithm: SignatureAlgorithm? = nil, claimedSigningTime: Date? = nil, provenSigningTime: Date? = nil,
        certificateChain: [String] = [], errors: [String] = [], warnings: [String] = []
    ) {
        self.identifier = identifier
        self.format = format
        self.indication = indication
        self.subIndication = subIndication
        self.level = level
        self.kind = kind
        self.signer = signer
        self.algorithm = algorithm
        self.claimedSigningTime = claimedSigningTime
        self.provenSigningTime = provenSigningTime
        self.certificateChain = certificateChain
        self.errors = errors
        self.warnings = warnings
    }

    public var description: String {
        "\(identifier): \(indication.rawValue)\(subIndication.map { "/\($0.rawValue)" } ?? "")"
            + "\(level.map { " \($0.rawValue)" } ?? "")\(kind.map { " \($0.rawValue)" } ?? "")"
    }
}
