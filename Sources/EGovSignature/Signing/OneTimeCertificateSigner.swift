import EGovCore
import EGovCrypto
import EGovIdentity
import Foundation

/// Signing with a one-time certificate: after the person authenticates at `substantial` or
/// higher, an ephemeral key is generated, a CA hook certifies it for a few minutes, the document is
/// signed, and the key is discarded (it never leaves this value and is not exported).
///
/// This gives citizens without a signing certificate of their own an advanced signature backed by
/// the unified account's authentication: the certificate records who was authenticated, at what
/// level and when; the short validity and the discarded key give sole control for the one use.
public struct OneTimeCertificateSigner: Sendable {
    /// Why a one-time signing session could not start.
    public enum Failure: EGovError, Equatable {
        /// The authentication is below the required level (a step-up is needed).
        case insufficientAssurance(current: AssuranceLevel?, required: AssuranceLevel)
        /// The CA hook returned no certificate, or one that does not certify the ephemeral key.
        case certificateMismatch

        public var code: String {
            switch self {
            case .insufficientAssurance: "signature.one_time.insufficient_assurance"
            case .certificateMismatch: "signature.one_time.certificate_mismatch"
            }
        }

        public var reason: String {
            switch self {
            case .insufficientAssurance(let current, let required):
                "authentication at \(current?.rawValue ?? "no level") is below the required \(required.rawValue)"
            case .certificateMismatch: "the CA did not certify the one-time key"
            }
        }
    }

    /// A ready signing session: the signing key and the certificate chain to embed.
    public struct Session: Sendable {
        /// The one-time signing key (software, in memory only).
        public let signingKey: SoftwareSigningKey
        /// The one-time certificate followed by its chain.
        public let certificates: [Certificate]
        /// The authentication level the certificate was issued on.
        public let assuranceLevel: AssuranceLevel
    }

    /// The CA hook.
    public let authority: any CertificateAuthorityHook
    /// The assurance policy that turns authentication events into a level.
    public let assurancePolicy: AssurancePolicy
    /// The lowest level allowed to obtain a one-time certificate (at least substantial).
    public let requiredLevel: AssuranceLevel
    /// How long the certificate is valid.
    public let validity: TimeInterval
    /// The algorithm of the ephemeral key.
    public let algorithm: SignatureAlgorithm
    private let clock: any WallClock

    /// Creates a signer. `requiredLevel` below `substantial` is raised to `substantial`.
    public init(
        authority: any CertificateAuthorityHook, assurancePolicy: AssurancePolicy = .default,
        requiredLevel: AssuranceLevel = .substantial, validity: TimeInterval = 600,
        algorithm: SignatureAlgorithm = .es256,
        clock: any WallClock
    ) {
        self.authority = authority
        self.assurancePolicy = assurancePolicy
        self.requiredLevel = max(requiredLevel, .substantial)
        self.validity = min(max(validity, 60), 3600)
        self.algorithm = algorithm
        self.clock = clock
    }

    /// Checks the authentication, generates the ephemeral key and obtains its certificate.
    public func startSession(subject: DistinguishedName, authentication: [AuthenticationEvent]) async throws -> Session
    {
        let now = clock.now()
        let decision = assurancePolicy.decide(authentication, required: requiredLevel, at: now)
        guard case .allow(let level) = decision else {
            throw Failure.insufficientAssurance(
                current: assurancePolicy.level(of: authentication, at: now), required: requiredLevel)
        }
        let key = try PrivateKey.generate(for: algorithm)
        let request = OneTimeCertificateRequest(
            subject: subject, publicKey: key.publicKey, assuranceLevel: level,
            methods: assurancePolicy.methods(of: authentication, at: now), notBefore: now.addingTimeInterval(-60),
            notAfter: now.addingTimeInterval(validity))
        let certificates = try await authority.issueCertificate(for: request)
        guard let leaf = certificates.first, leaf.publicKey == key.publicKey else { throw Failure.certificateMismatch }
        return Session(
            signingKey: try key.signingKey(for: algorithm), certificates: certificates, assuranceLevel: level)
    }

    /// Runs `body` with a fresh session; the key goes out of scope when `body` returns.
    public func withSession<T: Sendable>(
        subject: DistinguishedName, authentication: [AuthenticationEvent], _ body: (Session) async throws -> T
    ) async throws -> T {
        let session = try await startSession(subject: subject, authentication: authentication)
        return try await body(session)
    }
}
