import EGovCore
import EGovCrypto
import Foundation
import Testing

@testable import EGovCertificates

/// Keys and helpers shared by the SD-JWT tests.
enum SDJWTFixture {
    static func signingKey(_ algorithm: SignatureAlgorithm) throws -> SoftwareSigningKey {
        try SoftwareSigningKey(privateKey: try PrivateKey.generate(for: algorithm), algorithm: algorithm)
    }

    static func verificationKey(_ key: SoftwareSigningKey) throws -> any VerificationKey {
        try key.publicKey.verificationKey(for: key.algorithm)
    }

    static func keySet(_ key: SoftwareSigningKey, keyID: String? = nil) throws -> JWSKeySet {
        JWSKeySet([.init(keyID: keyID, key: try verificationKey(key))])
    }

    /// A PID-like claims set (fictional values).
    static let claims: [String: JSONValue] = [
        "iss": .string("https://issuer.example.gov"),
        "iat": .number(1_700_000_000),
        "exp": .number(1_900_000_000),
        "vct": .string("urn:example:pid:1"),
        "sub": .string("user_42"),
        "given_name": .string("Erika"),
        "family_name": .string("Mustermann"),
        "birthdate": .string("1963-08-12"),
        "address": .object([
            "street_address": .string("Heidestrasse 17"),
            "locality": .string("Koeln"),
            "country": .string("DE"),
        ]),
        "nationalities": .array([.string("DE"), .string("FR"), .string("US")]),
    ]

    static let now = Date(timeIntervalSince1970: 1_750_000_000)
    static let audience = "https://verifier.example.org"
    static let nonce = "n-0S6_WzA2Mj"

    /// Signs a hand-made payload as an issuer would (for malformed-payload tests).
    static func issuerJWT(
        _ payload: [String: JSONValue], key: SoftwareSigningKey, type: String = "dc+sd-jwt"
    ) async throws -> String {
        try await JWS.sign(
            payload: try CanonicalJSON.serialize(.object(payload)),
            header: JWSHeader(algorithm: key.algorithm, type: type), key: key)
    }

    /// A KB-JWT made by hand, for tests that need a wrong one.
    static func keyBindingJWT(
        sdJWTPart: String, key: SoftwareSigningKey, audience: String = audience, nonce: String = nonce,
        issuedAt: Double = now.timeIntervalSince1970, type: String = "kb+jwt", sdHash: String? = nil
    ) async throws -> String {
        let hash = sdHash ?? Base64URL.encode(HashAlgorithm.sha256.hash(Array(sdJWTPart.utf8)))
        let claims: JSONValue = .object([
            "aud": .string(audience), "nonce": .string(nonce), "iat": .number(issuedAt), "sd_hash": .string(hash),
        ])
        return try await JWS.sign(
            payload: try CanonicalJSON.serialize(claims), header: JWSHeader(algorithm: key.algorithm, type: type),
            key: key)
    }

    static func requiredBinding(maximumAge: TimeInterval = 300) -> KeyBindingRequirement {
        .required(audience: audience, nonce: nonce, maximumAge: maximumAge, clock: FixedClock(now))
    }
}

/// A clock that always says the same time.
struct FixedClock: WallClock {
    let date: Date
    init(_ date: Date) { self.date = date }
    func now() -> Date { date }
}
