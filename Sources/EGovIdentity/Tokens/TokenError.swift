import EGovCore
import EGovCrypto

/// Why a token was refused.
public enum TokenError: EGovError, Equatable {
    /// The JWS layer refused the token (format, algorithm, key, signature, `typ`).
    case invalidSignatureOrFormat(JWSError)
    /// The payload is not a JSON object of claims.
    case malformedClaims(String)
    /// A required claim is missing.
    case missingClaim(String)
    /// A claim has the wrong type or an unacceptable value.
    case invalidClaim(String)
    /// `exp` has passed (beyond the allowed skew).
    case expired
    /// `nbf` lies in the future (beyond the allowed skew).
    case notYetValid
    /// `iat` lies in the future (beyond the allowed skew).
    case issuedInFuture
    /// The token lives longer than the verifier accepts.
    case lifetimeTooLong
    /// `iss` is not the expected issuer.
    case wrongIssuer
    /// `aud` does not include this verifier's audience.
    case wrongAudience

    public var code: String {
        switch self {
        case .invalidSignatureOrFormat(let error): "identity.token.\(error.code)"
        case .malformedClaims: "identity.token.malformed_claims"
        case .missingClaim: "identity.token.missing_claim"
        case .invalidClaim: "identity.token.invalid_claim"
        case .expired: "identity.token.expired"
        case .notYetValid: "identity.token.not_yet_valid"
        case .issuedInFuture: "identity.token.issued_in_future"
        case .lifetimeTooLong: "identity.token.lifetime_too_long"
        case .wrongIssuer: "identity.token.wrong_issuer"
        case .wrongAudience: "identity.token.wrong_audience"
        }
    }

    public var reason: String {
        switch self {
        case .invalidSignatureOrFormat(let error): error.reason
        case .malformedClaims(let detail): "malformed claims: \(detail)"
        case .missingClaim(let name): "the \(name) claim is required"
        case .invalidClaim(let name): "the \(name) claim has an invalid type or value"
        case .expired: "the token has expired"
        case .notYetValid: "the token is not yet valid"
        case .issuedInFuture: "the token was issued in the future"
        case .lifetimeTooLong: "the token's lifetime exceeds the verifier's maximum"
        case .wrongIssuer: "the token comes from an unexpected issuer"
        case .wrongAudience: "the token is not meant for this audience"
        }
    }
}
