import EGovCore
import EGovCrypto
import Foundation

/// Certificate login: the person signs a fresh challenge with the key of their certificate (on a
/// smart card, a secure element or in software); the login service checks the chain, the
/// signature and the challenge, and records an ``AuthenticationEvent``.
///
/// Whether the key counts as hardware-protected (``AuthenticationMethod/hardwareCertificate``,
/// which reaches `high` in the default policy) is decided from the certificate, never from the
/// client's word: the ETSI QcSSCD statement (0.4.0.1862.1.4: the key is on a qualified signature
/// creation device) or one of the ``hardwarePolicyOIDs`` the department trusts to mean a hardware
/// key. Anything else is a ``AuthenticationMethod/softwareCertificate`` login.
public struct CertificateLogin: Sendable {
    /// Trust anchors for login certificates.
    public let trustAnchors: [Certificate]
    /// Certificate policy OIDs that this deployment treats as "key in hardware".
    public let hardwarePolicyOIDs: Set<String>
    /// The purpose the certificate must fit (`signing` for person certificates by default).
    public let purpose: CertificatePurpose
    /// How long a challenge stays valid.
    public let challengeLifetime: TimeInterval
    private let validator: CertificateChainValidator
    private let clock: any WallClock

    /// A challenge to sign: random bytes bound to the relying service and the time it was issued.
    public struct Challenge: Sendable, Hashable, Codable {
        /// 32 random bytes, base64url.
        public let nonce: String
        /// The service the login is for.
        public let audience: String
        /// When the challenge was issued.
        public let issuedAt: Date

        /// The exact bytes the person signs: `egovkit-login-v1|audience|nonce|issuedAt(seconds)`.
        public var signingInput: [UInt8] {
            Array("egovkit-login-v1|\(audience)|\(nonce)|\(Int64(issuedAt.timeIntervalSince1970))".utf8)
        }
    }

    /// Why a certificate login was refused.
    public enum Failure: EGovError, Equatable {
        /// The challenge is older than its lifetime or from the future.
        case challengeExpired
        /// The certificate chain did not validate (the wrapped failure says why).
        case certificateRejected(ChainValidationFailure)
        /// The signature over the challenge does not verify, or the algorithm does not fit the key.
        case signatureInvalid

        public var code: String {
            switch self {
            case .challengeExpired: "identity.certificate_login.challenge_expired"
            case .certificateRejected(let failure): "identity.certificate_login.\(failure.code)"
            case .signatureInvalid: "identity.certificate_login.signature_invalid"
            }
        }

        public var reason: String {
            switch self {
            case .challengeExpired: "the login challenge has expired"
            case .certificateRejected(let failure): "the login certificate was rejected: \(failure.reason)"
            case .signatureInvalid: "the signature over the login challenge does not verify"
            }
        }
    }

    /// Creates a certificate-login checker.
    public init(
        trustAnchors: [Certificate], hardwarePolicyOIDs: Set<String> = [], purpose: CertificatePurpose = .signing,
        challengeLifetime: TimeInterval = 120, sm2ID: SM2DistinguishingID = .default, clock: any WallClock
    ) {
        self.trustAnchors = trustAnchors
        self.hardwarePolicyOIDs = hardwarePolicyOIDs
        self.purpose = purpose
        self.challengeLifetime = challengeLifetime
        self.validator = CertificateChainValidator(sm2ID: sm2ID)
        self.clock = clock
    }

    /// A new challenge for `audience`. Keep it server-side (or MAC it) and accept it once.
    public func challenge(for audience: String) throws -> Challenge {
        Challenge(
            nonce: Base64URL.encode(try SecureRandom.bytes(count: 32)), audience: audience,
            issuedAt: Date(timeIntervalSince1970: clock.now().timeIntervalSince1970.rounded(.down)))
    }

    /// Checks a signed challenge and returns the authentication event it establishes.
    ///
    /// - Parameters:
    ///   - challenge: the challenge issued by ``challenge(for:)`` and signed by the holder.
    ///   - signature: the signature over ``Challenge/signingInput`` in the algorithm's native
    ///     encoding (DER for ECDSA and SM2).
    ///   - algorithm: must fit the certificate's key.
    ///   - certificate: the login certificate.
    ///   - intermediates: certificates that help build the login certificate's chain.
    ///   - crls: revocation information (checked for the leaf when given).
    public func verify(
        _ challenge: Challenge, signature: [UInt8], algorithm: SignatureAlgorithm, certificate: Certificate,
        intermediates: [Certificate] = [], crls: [CertificateRevocationList] = []
    ) throws(Failure) -> AuthenticationEvent {
        let now = clock.now()
        let age = now.timeIntervalSince(challenge.issuedAt)
        guard age >= -60, age <= challengeLifetime else { throw .challengeExpired }
        let result = validator.validate(
            certificate, intermediates: intermediates, trustAnchors: trustAnchors, crls: crls, at: now,
            purpose: purpose)
        if let failure = result.failure { throw .certificateRejected(failure) }
        let valid: Bool
        do {
            valid = try certificate.publicKey.isValidSignature(
                signature, for: challenge.signingInput, algorithm: algorithm, sm2ID: validator.sm2ID)
        } catch {
            throw .signatureInvalid
        }
        guard valid else { throw .signatureInvalid }
        let hardware =
            certificate.qcStatementOIDs.contains(CertificateBuilder.qcSSCD)
            || !hardwarePolicyOIDs.isDisjoint(with: certificate.policies)
        return AuthenticationEvent(
            method: hardware ? .hardwareCertificate : .softwareCertificate, time: now,
            attestedBy: certificate.issuer.description,
            certificateFingerprint: Hex.encode(certificate.fingerprint(.sha256)))
    }
}
