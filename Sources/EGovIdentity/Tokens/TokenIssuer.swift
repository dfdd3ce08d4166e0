import EGovCore
import EGovCrypto
import Foundation

/// Issues signed access and identity tokens (JWS compact) for the unified account.
public struct TokenIssuer: Sendable {
    /// The `iss` value.
    public let issuer: String
    /// The signing key (software, HSM or remote).
    public let signingKey: any SigningKey
    /// The `kid` header value verifiers use to pick the key.
    public let keyID: String?
    /// How long issued tokens live.
    public let lifetime: TimeInterval
    private let clock: any WallClock

    /// Creates an issuer. The lifetime must be between 1 second and 24 hours.
    public init(
        issuer: String, signingKey: any SigningKey, keyID: String?, lifetime: TimeInterval = 600,
        clock: any WallClock
    ) throws(TokenError) {
        guard lifetime >= 1, lifetime <= 86_400 else { throw .invalidClaim("lifetime must be 1 s to 24 h") }
        guard !issuer.isEmpty else { throw .invalidClaim("iss") }
        self.issuer = issuer
        self.signingKey = signingKey
        self.keyID = keyID
        self.lifetime = lifetime
        self.clock = clock
    }

    /// Issues a token.
    ///
    /// - Parameters:
    ///   - subject: the `sub` (derive a pairwise value with ``PairwiseSubject`` where wanted).
    ///   - audience: the receiving department(s).
    ///   - kind: access or identity (sets `typ`).
    ///   - level: the session's level of assurance (`acr`).
    ///   - methods: the session's authentication methods (`amr`).
    ///   - actor: the person acting when `subject` is an organisation.
    ///   - additional: further claims; they cannot override registered ones.
    public func issue(
        subject: String, audience: [String], kind: TokenKind = .access, level: AssuranceLevel? = nil,
        methods: [AuthenticationMethod]? = nil, actor: ActorClaim? = nil, additional: [String: JSONValue] = [:]
    ) async throws -> String {
        guard !subject.isEmpty else { throw TokenError.invalidClaim("sub") }
        guard !audience.isEmpty, audience.allSatisfy({ !$0.isEmpty }) else { throw TokenError.invalidClaim("aud") }
        let now = Date(timeIntervalSince1970: clock.now().timeIntervalSince1970.rounded(.down))
        let claims = TokenClaims(
            issuer: issuer, subject: subject, audience: audience, expiresAt: now.addingTimeInterval(lifetime),
            issuedAt: now, notBefore: now, tokenID: Base64URL.encode(try SecureRandom.bytes(count: 16)),
            assuranceLevel: level, methods: methods?.map(\.amr), actor: actor, additional: additional)
        return try await sign(claims, kind: kind)
    }

    /// The JWKS verifiers load to check this issuer's tokens: the public key with its `kid` and
    /// `alg` (so that verifiers bind the key to exactly this algorithm).
    public func jwks() throws(CryptoError) -> JWKSet {
        var jwk = try signingKey.publicKey.jwk(keyID: keyID)
        jwk.alg = signingKey.algorithm.rawValue
        jwk.use = "sig"
        return JWKSet(keys: [jwk])
    }

    /// Signs claims exactly as given (for tests and special flows; prefer `issue`).
    public func sign(_ claims: TokenClaims, kind: TokenKind) async throws -> String {
        let payload = try CanonicalJSON.serialize(claims.jsonValue)
        let header = JWSHeader(algorithm: signingKey.algorithm, type: kind.mediaType, keyID: keyID)
        return try await JWS.sign(payload: payload, header: header, key: signingKey)
    }
}
