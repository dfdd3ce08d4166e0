import EGovCore
import EGovCrypto

/// Pairwise subject identifiers (OpenID Connect Core section 8.1): each department sees a
/// different, stable `sub` for the same person, so departments cannot join their records on
/// the token identifier alone.
///
/// `sub = base64url(HMAC-SHA-256(secret, sector ‖ 0x00 ‖ localSubject))`. The secret stays with
/// the identity provider; rotate it only with a migration plan, since every pairwise ID changes.
public struct PairwiseSubject: Sendable, CustomStringConvertible {
    private let secret: [UInt8]

    /// Creates a deriver. The secret must have at least 32 bytes.
    public init(secret: [UInt8]) throws(TokenError) {
        guard secret.count >= 32 else { throw .invalidClaim("pairwise secret shorter than 32 bytes") }
        self.secret = secret
    }

    /// The pairwise `sub` of `localSubject` for the department (sector) `sector`.
    public func subject(for localSubject: String, sector: String) throws -> String {
        let message = Array(sector.utf8) + [0] + Array(localSubject.utf8)
        return Base64URL.encode(try HMACSHA256.authenticationCode(for: message, key: secret))
    }

    public var description: String { "PairwiseSubject(secret redacted)" }
}
