import EGovCore
import EGovCrypto

/// An SD-JWT that ``SDJWTVerifier`` accepted: the processed payload (RFC 9901 section 7.1).
public struct VerifiedSDJWT: Sendable {
    /// The processed payload: disclosed claims inserted at their places, `_sd` and `_sd_alg`
    /// removed, array elements without a disclosure dropped.
    public let claims: [String: JSONValue]
    /// The issuer-signed JWT's protected header.
    public let header: JWSHeader
    /// The holder's public key from `cnf.jwk`, if the SD-JWT has one.
    public let holderKey: JWK?
    /// Whether a KB-JWT was verified (only when key binding was required).
    public let keyBound: Bool
    /// The paths of the claims that disclosures revealed, in processing order. Array positions
    /// are those of the issued array (undisclosed elements counted).
    public let disclosedPaths: [ClaimPath]
    /// The digest algorithm (`_sd_alg`).
    public let hashAlgorithm: HashAlgorithm

    /// Creates a result (for tests and adapters; ``SDJWTVerifier`` is the normal source).
    public init(
        claims: [String: JSONValue], header: JWSHeader, holderKey: JWK?, keyBound: Bool,
        disclosedPaths: [ClaimPath], hashAlgorithm: HashAlgorithm
    ) {
        self.claims = claims
        self.header = header
        self.holderKey = holderKey
        self.keyBound = keyBound
        self.disclosedPaths = disclosedPaths
        self.hashAlgorithm = hashAlgorithm
    }
}
