import EGovCrypto

/// The signature algorithm of an envelope, fixed by the signer's certificate key — never by the
/// JWS header.
///
/// P-256 → ES256, P-384 → ES384, Ed25519 → EdDSA, SM2 → SM2 and RSA → PS256 (RS256 is not
/// accepted for envelopes: one key type, one algorithm, so nothing is left to negotiate). The
/// verifier derives the algorithm from the leaf certificate in `x5c` and binds the verification
/// key to it; a header naming anything else fails as `jws.alg_not_allowed`.
public enum EnvelopeAlgorithm {
    /// The algorithm for a key of `keyType`.
    public static func algorithm(for keyType: KeyType) -> SignatureAlgorithm {
        switch keyType {
        case .p256: .es256
        case .p384: .es384
        case .ed25519: .edDSA
        case .sm2: .sm2
        case .rsa: .ps256
        }
    }
}
