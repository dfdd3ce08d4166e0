import EGovCore
import Foundation

/// Whether an ``SDJWTVerifier`` requires key binding (RFC 9901 section 7.3), decided by the
/// verifier's policy and never by whether the holder sent a KB-JWT.
public enum KeyBindingRequirement: Sendable {
    /// No key binding: a presentation must be a plain SD-JWT. A presentation that carries a
    /// KB-JWT is refused (``SDJWTError/keyBindingUnexpected``) rather than accepted unchecked,
    /// which also serves a holder receiving an SD-JWT from its issuer (section 7.2).
    case none
    /// A KB-JWT is required: `typ` `kb+jwt`, signed with the key in `cnf.jwk`, `aud` equal to
    /// `audience`, `nonce` equal to `nonce`, `iat` no older than `maximumAge` (and not in the
    /// future beyond the verifier's allowed clock skew) by `clock`, and `sd_hash` over the
    /// presented SD-JWT.
    case required(audience: String, nonce: String, maximumAge: TimeInterval, clock: any WallClock)
}
