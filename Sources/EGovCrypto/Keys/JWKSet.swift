import EGovCore
import Foundation

/// A JSON Web Key Set (RFC 7517 section 5) of **public** verification keys, as an issuer
/// publishes them and a verifier loads them.
///
/// Each key is bound to exactly one algorithm when turned into a ``JWSKeySet``: from its `alg`
/// member, or, where the key type allows only one (P-256 → ES256, P-384 → ES384, Ed25519 → EdDSA,
/// SM2 → SM2), from the key type. RSA keys must say `RS256` or `PS256`: guessing would reopen
/// algorithm confusion.
public struct JWKSet: Codable, Sendable, Hashable {
    /// The keys.
    public var keys: [JWK]

    /// Largest accepted JWKS text.
    public static let maximumLength = 1 << 20
    /// Most keys accepted in one set.
    public static let maximumKeys = 100

    /// Creates a set.
    public init(keys: [JWK]) { self.keys = keys }

    /// Parses a JWKS strictly: size and count limits, no duplicate members, every key valid and
    /// public (a set that carries a private key is refused: it was about to be published).
    public init(jsonBytes json: some DataProtocol) throws(CryptoError) {
        let bytes = json.egovBytes
        guard bytes.count <= Self.maximumLength else {
            throw .inputTooLarge(what: "JWKS JSON", limit: Self.maximumLength)
        }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, limits: .init(maximumBytes: Self.maximumLength, maximumDepth: 8))
        } catch {
            throw .malformedJWK("JWKS: \(error.reason)")
        }
        guard case .object(let members) = value, case .array(let items)? = members["keys"] else {
            throw .malformedJWK("JWKS: not an object with a keys array")
        }
        guard items.count <= Self.maximumKeys else {
            throw .malformedJWK("JWKS: more than \(Self.maximumKeys) keys")
        }
        var keys: [JWK] = []
        for item in items {
            let text: [UInt8]
            do { text = try CanonicalJSON.serialize(item) } catch { throw .malformedJWK("JWKS: \(error.reason)") }
            let key = try JWK(jsonBytes: text)
            guard !key.isPrivate else { throw .malformedJWK("JWKS contains a private key") }
            keys.append(key)
        }
        self.keys = keys
    }

    /// The JSON text of the set.
    public func jsonBytes() throws(CryptoError) -> [UInt8] {
        guard !keys.contains(where: \.isPrivate) else {
            throw .malformedJWK("refusing to serialise a private key in a JWKS")
        }
        var items: [JSONValue] = []
        for key in keys {
            do {
                items.append(try JSONValue.parse(try key.jsonBytes()))
            } catch let error as CryptoError {
                throw error
            } catch {
                throw .malformedJWK("JWKS: \(error)")
            }
        }
        do {
            return try CanonicalJSON.serialize(.object(["keys": .array(items)]))
        } catch {
            throw .malformedJWK("JWKS: \(error.reason)")
        }
    }

    /// The verification keys, each bound to one algorithm and addressed by its `kid`.
    public func verificationKeys() throws(CryptoError) -> JWSKeySet {
        var entries: [JWSKeySet.Entry] = []
        for jwk in keys {
            let publicKey = try PublicKey(jwk: jwk)
            let algorithm: SignatureAlgorithm
            if let alg = jwk.alg {
                guard let named = SignatureAlgorithm(rawValue: alg) else {
                    throw .malformedJWK("alg \(alg) is not a supported signature algorithm")
                }
                algorithm = named
            } else {
                switch publicKey.keyType {
                case .p256: algorithm = .es256
                case .p384: algorithm = .es384
                case .ed25519: algorithm = .edDSA
                case .sm2: algorithm = .sm2
                case .rsa: throw .malformedJWK("an RSA key in a JWKS must name its alg (RS256 or PS256)")
                }
            }
            entries.append(.init(keyID: jwk.kid, key: try publicKey.verificationKey(for: algorithm)))
        }
        return JWSKeySet(entries)
    }
}
