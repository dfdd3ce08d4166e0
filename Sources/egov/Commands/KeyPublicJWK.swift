import EGovKit

// `egov key public --format jwk|jwks`.
extension KeyPublic {
    /// One JWK (RFC 7517) with an optional `kid`.
    static func jwkOutput(for publicKey: PublicKey, keyID: String?) throws(CLIError) -> String {
        do {
            let jwk = try publicKey.jwk(keyID: keyID)
            return String(decoding: try jwk.jsonBytes(), as: UTF8.self)
        } catch {
            throw CLIError(error)
        }
    }

    /// A JWKS with the key bound to `algorithm` (`alg`, `use: sig`), as `egov token verify --jwks` reads it.
    static func jwksOutput(for publicKey: PublicKey, keyID: String?, algorithm: SignatureAlgorithm) throws(CLIError)
        -> String
    {
        guard algorithm.isCompatible(with: publicKey.keyType) else {
            throw CLIError(CryptoError.algorithmMismatch(algorithm: algorithm, keyType: publicKey.keyType.description))
        }
        do {
            var jwk = try publicKey.jwk(keyID: keyID)
            jwk.alg = algorithm.rawValue
            jwk.use = "sig"
            return String(decoding: try JWKSet(keys: [jwk]).jsonBytes(), as: UTF8.self)
        } catch {
            throw CLIError(error)
        }
    }
}
