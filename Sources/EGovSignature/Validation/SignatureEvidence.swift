import EGovCrypto
import Foundation

/// The container formats EGovKit signs and validates.
public enum SignatureFormat: String, Sendable, Hashable, Codable {
    /// JWS compact serialisation (attached or detached payload).
    case jwsCompact = "jws-compact"
    /// JWS JSON serialisation (one or more signatures).
    case jwsJSON = "jws-json"
    /// CMS SignedData (CAdES baseline), attached or detached.
    case cms
    /// Bytes that no format adapter recognised (reported as FORMAT_FAILURE).
    case unknown
}

/// What a format adapter found out about one signature, before any trust or policy decision.
///
/// Format adapters (``SignatureFormatAdapter``: CMS, JWS, and formats of other modules) fill this
/// in; ``SignatureValidator`` turns it into a ``SignatureValidationResult``. Keeping the two apart
/// means every format gets the same trust, time, level and policy logic: an adapter checks the
/// signature's structure and cryptography only, and hands over time-stamp tokens unchecked
/// (``timestamps``) for the validator to decide whether a trusted authority issued them.
public struct SignatureEvidence: Sendable {
    /// The outcome of the cryptographic checks on the signature itself.
    public enum CryptographicCheck: Sendable, Hashable {
        /// Digest and signature value verify with the signing certificate's key.
        case valid
        /// The signed data's digest differs from the one the signature covers.
        case hashMismatch
        /// The signature value does not verify.
        case signatureInvalid
        /// The structure does not conform to the format (reason given).
        case formatFailure(String)
        /// Detached content was needed and not supplied.
        case signedDataNotFound
    }

    /// A signature time-stamp as found with the signature, before any check of its authority.
    public struct Timestamp: Sendable, Hashable {
        /// The DER `TimeStampToken` (RFC 3161).
        public var token: [UInt8]
        /// The data the token's message imprint must be the digest of (the CMS signature value,
        /// or the base64url-encoded JWS signature value for JAdES).
        public var coveredData: [UInt8]

        /// Creates a time-stamp as found.
        public init(token: [UInt8], coveredData: [UInt8]) {
            self.token = token
            self.coveredData = coveredData
        }
    }

    /// A proof that the signature existed at a time: a verified signature time-stamp.
    public struct TimeProof: Sendable, Hashable {
        /// The time-stamp's generation time.
        public var time: Date
        /// The time-stamping authority's name (certificate subject).
        public var authority: String
        /// `nil` when the token verified against a trusted TSA; otherwise why it did not.
        public var problem: String?

        /// Creates a proof.
        public init(time: Date, authority: String, problem: String? = nil) {
            self.time = time
            self.authority = authority
            self.problem = problem
        }
    }

    /// The container format.
    public var format: SignatureFormat
    /// A label for the signature within its document (index, `kid`, signer name).
    public var identifier: String
    /// The signature algorithm, or `nil` when it is not one EGovKit supports.
    public var algorithm: SignatureAlgorithm?
    /// The cryptographic outcome.
    public var check: CryptographicCheck
    /// The signing certificate, if one was found.
    public var signingCertificate: Certificate?
    /// Whether the signed reference to the signing certificate (CAdES ESS signing-certificate-v2,
    /// JWS `x5t#S256`) matches it; `nil` when the signature carries no such reference.
    public var signingCertificateReferenceMatches: Bool?
    /// Further certificates shipped with the signature (intermediates).
    public var certificates: [Certificate]
    /// The signing time claimed by the signer (CMS signing-time, JWS `iat`/`sigT`), if any.
    public var claimedSigningTime: Date?
    /// Time-stamps over the signature already checked elsewhere (the validator only reads them).
    public var timeProofs: [TimeProof]
    /// Time-stamp tokens over the signature, unchecked: the validator verifies each against the
    /// trust list's time-stamping services.
    public var timestamps: [Timestamp]
    /// What is malformed in the signature's time-stamp container (e.g. a JAdES `etsiU` header);
    /// each is reported as a time-stamp that was not accepted.
    public var timestampProblems: [String]
    /// Revocation data shipped with the signature (CMS SignedData `crls`), unchecked and not yet
    /// relied on: the validator uses the revocation lists it was given.
    public var embeddedRevocationLists: [CertificateRevocationList]

    /// Creates evidence.
    public init(
        format: SignatureFormat, identifier: String, algorithm: SignatureAlgorithm?, check: CryptographicCheck,
        signingCertificate: Certificate?, signingCertificateReferenceMatches: Bool? = nil,
        certificates: [Certificate] = [], claimedSigningTime: Date? = nil, timeProofs: [TimeProof] = [],
        timestamps: [Timestamp] = [], timestampProblems: [String] = [],
        embeddedRevocationLists: [CertificateRevocationList] = []
    ) {
        self.format = format
        self.identifier = identifier
        self.algorithm = algorithm
        self.check = check
        self.signingCertificate = signingCertificate
        self.signingCertificateReferenceMatches = signingCertificateReferenceMatches
        self.certificates = certificates
        self.claimedSigningTime = claimedSigningTime
        self.timeProofs = timeProofs
        self.timestamps = timestamps
        self.timestampProblems = timestampProblems
        self.embeddedRevocationLists = embeddedRevocationLists
    }
}
