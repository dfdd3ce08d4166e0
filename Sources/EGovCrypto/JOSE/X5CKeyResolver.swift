import EGovCore
import Foundation

/// Why a key could not be taken from a JWS `x5c` header (RFC 7515 section 4.1.6).
public enum X5CError: EGovError, Hashable {
    /// The header has no `x5c`, or an empty one.
    case missing
    /// `x5c` holds more certificates than the limit.
    case tooManyCertificates(limit: Int)
    /// An `x5c` entry (the leaf or any intermediate) is not a DER certificate.
    case notACertificate
    /// The header's `alg` is not one the verifier's policy allows.
    case algorithmNotAllowed(String)
    /// The leaf certificate's key does not fit the header's `alg`.
    case keyMismatch(String)
    /// The chain does not validate to the trust anchors (signatures, validity, CA rules, CRLs).
    case chainInvalid(ChainValidationFailure)
    /// The chain validates but the leaf is not fit for the required purpose.
    case purposeMismatch(CertificatePurpose, String)
    /// The trust anchors or CRLs could not be loaded.
    case trustUnavailable

    public var code: String {
        switch self {
        case .missing: "crypto.x5c.missing"
        case .tooManyCertificates: "crypto.x5c.too_many_certificates"
        case .notACertificate: "crypto.x5c.not_a_certificate"
        case .algorithmNotAllowed: "crypto.x5c.algorithm_not_allowed"
        case .keyMismatch: "crypto.x5c.key_mismatch"
        case .chainInvalid: "crypto.x5c.chain_invalid"
        case .purposeMismatch: "crypto.x5c.purpose_mismatch"
        case .trustUnavailable: "crypto.x5c.trust_unavailable"
        }
    }

    public var reason: String {
        switch self {
        case .missing: "the header has no x5c certificate chain"
        case .tooManyCertificates(let limit): "x5c holds more than \(limit) certificates"
        case .notACertificate: "an x5c entry is not a certificate"
        case .algorithmNotAllowed(let alg): "alg \(alg) is not allowed by the verifier's policy"
        case .keyMismatch(let alg): "the x5c certificate's key does not fit alg \(alg)"
        case .chainInvalid(let failure): "the x5c chain does not validate: \(failure.reason)"
        case .purposeMismatch(let purpose, let violation):
            "the x5c certificate is not fit for purpose \(purpose.rawValue): \(violation)"
        case .trustUnavailable: "the trust anchors or revocation lists could not be loaded"
        }
    }
}

/// Takes a JWS verification key from the `x5c` header — the one rule every `x5c` user in
/// EGovKit follows (credentials, status list tokens, JWS signatures, interop envelopes):
///
/// 1. `x5c` holds 1 to ``maximumChainLength`` entries and **every** entry is a DER certificate
///    (a bad intermediate is refused exactly like a bad leaf, never skipped);
/// 2. the header's `alg` is one of the verifier's allowed algorithms (the policy decides, never
///    the token alone) and the leaf's key fits it (no algorithm confusion: the key is bound to
///    that one algorithm of its own key type);
/// 3. the chain validates to the trust anchors at the given time, **and** the leaf is fit for
///    ``purpose`` (see ``CertificatePurpose``), which every resolver must name.
public struct X5CKeyResolver: Sendable {
    /// What the leaf certificate must be fit for.
    public let purpose: CertificatePurpose
    /// The chain validator (depth, SM2 ID, intermediate anchors).
    public let validator: CertificateChainValidator
    /// The most certificates accepted in `x5c`.
    public let maximumChainLength: Int

    /// Creates a resolver for certificates fit for `purpose`.
    public init(
        purpose: CertificatePurpose, validator: CertificateChainValidator = CertificateChainValidator(),
        maximumChainLength: Int = 8
    ) {
        self.purpose = purpose
        self.validator = validator
        self.maximumChainLength = max(1, maximumChainLength)
    }

    /// The key, the leaf and the validated chain.
    public struct Resolution: Sendable {
        /// The leaf's key, bound to the header's algorithm.
        public let key: any VerificationKey
        /// The leaf certificate.
        public let leaf: Certificate
        /// The validated chain, leaf first, anchor last.
        public let chain: [Certificate]
    }

    /// Steps 1 and 2: the certificates of `x5c` (leaf first) and the leaf's key for the header's
    /// `alg`, without validating the chain.
    public func unvalidatedKey(
        for header: JWSHeader, allowedAlgorithms: Set<SignatureAlgorithm>
    ) throws(X5CError) -> (key: any VerificationKey, certificates: [Certificate]) {
        let certificates = try self.certificates(in: header)
        let key = try Self.key(
            of: certificates[0], for: header.algorithm, allowedAlgorithms: allowedAlgorithms, sm2ID: validator.sm2ID)
        return (key, certificates)
    }

    /// Steps 1 to 3 against `trustAnchors` at `time`.
    public func resolve(
        _ header: JWSHeader, trustAnchors: [Certificate], crls: [CertificateRevocationList] = [], at time: Date,
        allowedAlgorithms: Set<SignatureAlgorithm>, revocation: RevocationCheck = .leafWhenCRLsSupplied
    ) throws(X5CError) -> Resolution {
        let (key, certificates) = try unvalidatedKey(for: header, allowedAlgorithms: allowedAlgorithms)
        let chain = try validate(
            certificates, trustAnchors: trustAnchors, crls: crls, at: time, revocation: revocation)
        return Resolution(key: key, leaf: certificates[0], chain: chain)
    }

    /// Step 1: every `x5c` entry as a certificate, leaf first.
    public func certificates(in header: JWSHeader) throws(X5CError) -> [Certificate] {
        guard let ders = header.certificateChain, !ders.isEmpty else { throw .missing }
        guard ders.count <= maximumChainLength else { throw .tooManyCertificates(limit: maximumChainLength) }
        var certificates: [Certificate] = []
        for der in ders {
            guard let certificate = try? Certificate(derRepresentation: der) else { throw .notACertificate }
            certificates.append(certificate)
        }
        return certificates
    }

    /// Step 2: the leaf's key for `algorithm`, which must be allowed.
    public static func key(
        of leaf: Certificate, for algorithm: SignatureAlgorithm, allowedAlgorithms: Set<SignatureAlgorithm>,
        sm2ID: SM2DistinguishingID = .default
    ) throws(X5CError) -> any VerificationKey {
        guard allowedAlgorithms.contains(algorithm) else { throw .algorithmNotAllowed(algorithm.rawValue) }
        do {
            return try leaf.publicKey.verificationKey(for: algorithm, sm2ID: sm2ID)
        } catch {
            throw .keyMismatch(algorithm.rawValue)
        }
    }

    /// Step 3: validates `certificates` (leaf first) for ``purpose``; returns the chain.
    public func validate(
        _ certificates: [Certificate], trustAnchors: [Certificate], crls: [CertificateRevocationList] = [],
        at time: Date, revocation: RevocationCheck = .leafWhenCRLsSupplied
    ) throws(X5CError) -> [Certificate] {
        guard let leaf = certificates.first else { throw .missing }
        let result = validator.validate(
            leaf, intermediates: Array(certificates.dropFirst()), trustAnchors: trustAnchors, crls: crls, at: time,
            purpose: purpose, revocation: revocation)
        return try Self.chain(of: result, purpose: purpose)
    }

    /// Step 3 against the anchors of `trustStore` (loaded once per call).
    public func validate(
        _ certificates: [Certificate], trustStore: some TrustStore, crls: [CertificateRevocationList] = [],
        at time: Date, revocation: RevocationCheck = .leafWhenCRLsSupplied
    ) async throws(X5CError) -> [Certificate] {
        let anchors: [Certificate]
        do {
            anchors = try await trustStore.trustAnchors()
        } catch {
            throw .trustUnavailable
        }
        return try validate(certificates, trustAnchors: anchors, crls: crls, at: time, revocation: revocation)
    }

    private static func chain(of result: ChainValidationResult, purpose: CertificatePurpose) throws(X5CError)
        -> [Certificate]
    {
        switch result.failure {
        case nil: return result.chain
        case .purposeMismatch(let violation)?: throw .purposeMismatch(purpose, violation)
        case let failure?: throw .chainInvalid(failure)
        }
    }
}
