import EGovCore
import EGovCrypto
import Foundation

/// Verifies access and identity tokens strictly.
///
/// In order: JWS format and size, `alg` equal to the algorithm the selected key is bound to
/// (no `none`, no confusion), `typ` equal to the expected token kind, the signature, then the
/// claims: `iss`, `aud`, `exp`, `nbf`, `iat` with a bounded clock skew, and a maximum lifetime.
public struct TokenVerifier: Sendable {
    /// The keys, by `kid`.
    public let keySet: JWSKeySet
    /// The expected `iss`.
    public let issuer: String
    /// This service's audience value; `aud` must contain it.
    public let audience: String
    /// The expected token kind.
    public let kind: TokenKind
    /// Allowed clock skew in seconds (at most 300).
    public let allowedSkew: TimeInterval
    /// Longest accepted `exp - iat`.
    public let maximumLifetime: TimeInterval
    private let clock: any WallClock

    /// Creates a verifier.
    public init(
        keySet: JWSKeySet, issuer: String, audience: String, kind: TokenKind = .access, allowedSkew: TimeInterval = 60,
        maximumLifetime: TimeInterval = 86_400, clock: any WallClock
    ) throws(TokenError) {
        guard allowedSkew >= 0, allowedSkew <= 300 else { throw .invalidClaim("allowed skew must be 0 to 300 s") }
        self.keySet = keySet
        self.issuer = issuer
        self.audience = audience
        self.kind = kind
        self.allowedSkew = allowedSkew
        self.maximumLifetime = maximumLifetime
        self.clock = clock
    }

    /// Verifies `token` and returns its claims.
    public func verify(_ token: String) throws(TokenError) -> TokenClaims {
        let verified: VerifiedJWS
        do {
            verified = try JWS.verify(
                token, keySet: keySet,
                policy: JWSVerificationPolicy(expectedType: kind.mediaType, maximumLength: 64 * 1024))
        } catch {
            throw .invalidSignatureOrFormat(error)
        }
        // A JWT's payload is always base64url-encoded (RFC 7519 section 7.1); refuse RFC 7797's
        // unencoded form, which the JWS layer would otherwise accept.
        guard verified.header.base64EncodePayload else {
            throw .invalidSignatureOrFormat(.invalidHeader("b64 false is not allowed in a token"))
        }
        let claims = try TokenClaims(parsing: verified.payload)
        let now = clock.now()
        guard claims.issuer == issuer else { throw .wrongIssuer }
        guard claims.audience.contains(audience) else { throw .wrongAudience }
        guard now.timeIntervalSince(claims.expiresAt) < allowedSkew else { throw .expired }
        if let notBefore = claims.notBefore, notBefore.timeIntervalSince(now) > allowedSkew { throw .notYetValid }
        guard claims.issuedAt.timeIntervalSince(now) <= allowedSkew else { throw .issuedInFuture }
        guard claims.expiresAt.timeIntervalSince(claims.issuedAt) <= maximumLifetime else { throw .lifetimeTooLong }
        return claims
    }
}
