import EGovCore
import EGovCrypto
import Foundation
import Testing

@testable import EGovIdentity

/// A settable clock local to these tests.
final class TestClock: WallClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ date: Date) { current = date }
    func now() -> Date { lock.withLock { current } }
    func advance(by seconds: TimeInterval) { lock.withLock { current += seconds } }
}

@Suite struct TokenTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func fixture(_ algorithm: SignatureAlgorithm = .es256) throws -> (TokenIssuer, TokenVerifier, TestClock) {
        let clock = TestClock(start)
        let key = try PrivateKey.generate(for: algorithm).signingKey(for: algorithm)
        let issuer = try TokenIssuer(issuer: "https://account.gov.mo", signingKey: key, keyID: "k1", clock: clock)
        let keySet = JWSKeySet([.init(keyID: "k1", key: try key.publicKey.verificationKey(for: algorithm))])
        let verifier = try TokenVerifier(
            keySet: keySet, issuer: "https://account.gov.mo", audience: "dsal", clock: clock)
        return (issuer, verifier, clock)
    }

    @Test(arguments: [SignatureAlgorithm.es256, .edDSA, .sm2])
    func issueAndVerify(_ algorithm: SignatureAlgorithm) async throws {
        let (issuer, verifier, _) = try fixture(algorithm)
        let token = try await issuer.issue(
            subject: "org-1", audience: ["dsal"], level: .substantial, methods: [.password, .totp],
            actor: ActorClaim(subject: "person-1", mandate: "m-7"))
        let claims = try verifier.verify(token)
        #expect(claims.subject == "org-1")
        #expect(claims.assuranceLevel == .substantial)
        #expect(claims.methods == ["pwd", "otp"])
        #expect(claims.actor == ActorClaim(subject: "person-1", mandate: "m-7"))
        #expect(claims.expiresAt.timeIntervalSince(claims.issuedAt) == 600)
        #expect(claims.tokenID.count == 22)
    }

    @Test func timeIsCheckedWithBoundedSkew() async throws {
        let (issuer, verifier, clock) = try fixture()
        let token = try await issuer.issue(subject: "p", audience: ["dsal"])
        clock.advance(by: 600 + 59)
        #expect(throws: Never.self) { try verifier.verify(token) }
        clock.advance(by: 2)
        #expect(throws: TokenError.expired) { try verifier.verify(token) }
        // Not yet valid: a token whose nbf lies beyond the skew.
        let early = TokenClaims(
            issuer: "https://account.gov.mo", subject: "p", audience: ["dsal"], expiresAt: clock.now() + 3000,
            issuedAt: clock.now(), notBefore: clock.now() + 600, tokenID: "x")
        let earlyToken = try await issuer.sign(early, kind: .access)
        #expect(throws: TokenError.notYetValid) { try verifier.verify(earlyToken) }
        let future = TokenClaims(
            issuer: "https://account.gov.mo", subject: "p", audience: ["dsal"], expiresAt: clock.now() + 3000,
            issuedAt: clock.now() + 600, tokenID: "x")
        let futureToken = try await issuer.sign(future, kind: .access)
        #expect(throws: TokenError.issuedInFuture) { try verifier.verify(futureToken) }
        let long = TokenClaims(
            issuer: "https://account.gov.mo", subject: "p", audience: ["dsal"], expiresAt: clock.now() + 90_000,
            issuedAt: clock.now(), tokenID: "x")
        let longToken = try await issuer.sign(long, kind: .access)
        #expect(throws: TokenError.lifetimeTooLong) { try verifier.verify(longToken) }
    }

    @Test func tamperingIsRejectedPrecisely() async throws {
        let (issuer, verifier, clock) = try fixture()
        let token = try await issuer.issue(subject: "p", audience: ["dsal"])
        let parts = token.split(separator: ".").map(String.init)

        // Wrong audience and issuer.
        let otherAudience = try await issuer.issue(subject: "p", audience: ["dsi"])
        #expect(throws: TokenError.wrongAudience) { try verifier.verify(otherAudience) }
        let otherIssuer = try TokenIssuer(
            issuer: "https://evil", signingKey: issuer.signingKey, keyID: "k1", clock: clock)
        let otherIssuerToken = try await otherIssuer.issue(subject: "p", audience: ["dsal"])
        #expect(throws: TokenError.wrongIssuer) { try verifier.verify(otherIssuerToken) }
        // Wrong key under the same kid.
        let stranger = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let forged = try TokenIssuer(issuer: "https://account.gov.mo", signingKey: stranger, keyID: "k1", clock: clock)
        let forgedToken = try await forged.issue(subject: "p", audience: ["dsal"])
        #expect(throws: TokenError.invalidSignatureOrFormat(.signatureInvalid)) { try verifier.verify(forgedToken) }
        // alg swapped in the header (to another real algorithm and to none).
        for (alg, expected) in [
            ("ES384", JWSError.algorithmNotAllowed("ES384")), ("none", .unsecuredAlgorithm),
            ("RS256", .algorithmNotAllowed("RS256")),
        ] {
            let header = Base64URL.encode(Array("{\"alg\":\"\(alg)\",\"kid\":\"k1\",\"typ\":\"at+jwt\"}".utf8))
            #expect(throws: TokenError.invalidSignatureOrFormat(expected)) {
                try verifier.verify([header, parts[1], parts[2]].joined(separator: "."))
            }
        }
        // Payload edited (subject changed), truncated, extra segment.
        var claims = try JSONValue.parse(Base64URL.decode(parts[1]))
        if case .object(var object) = claims {
            object["sub"] = .string("admin")
            claims = .object(object)
        }
        let edited = Base64URL.encode(try CanonicalJSON.serialize(claims))
        #expect(throws: TokenError.invalidSignatureOrFormat(.signatureInvalid)) {
            try verifier.verify([parts[0], edited, parts[2]].joined(separator: "."))
        }
        #expect(throws: TokenError.invalidSignatureOrFormat(.wrongSegmentCount(2))) {
            try verifier.verify(parts[0] + "." + parts[1])
        }
        #expect(throws: TokenError.invalidSignatureOrFormat(.wrongSegmentCount(4))) {
            try verifier.verify(token + ".AA")
        }
        #expect(throws: TokenError.self) { try verifier.verify(String(token.dropLast(10))) }
        // An identity token is not an access token.
        let identityToken = try await issuer.issue(subject: "p", audience: ["dsal"], kind: .identity)
        #expect(throws: TokenError.invalidSignatureOrFormat(.unexpectedType(expected: "at+jwt", found: "id+jwt"))) {
            try verifier.verify(identityToken)
        }
    }

    @Test func pairwiseSubjectsDifferPerDepartmentAndAreStable() throws {
        let pairwise = try PairwiseSubject(secret: Array(repeating: 7, count: 32))
        let a = try pairwise.subject(for: "person-1", sector: "dsal")
        #expect(a == (try pairwise.subject(for: "person-1", sector: "dsal")))
        #expect(a != (try pairwise.subject(for: "person-1", sector: "dsi")))
        #expect(a.count == 43)
        #expect(throws: TokenError.self) { try PairwiseSubject(secret: [1, 2, 3]) }
    }
}

@Suite struct TokenJWKSTests {
    @Test(arguments: [SignatureAlgorithm.es256, .edDSA, .sm2, .ps256])
    func publishedJWKSVerifiesTokens(_ algorithm: SignatureAlgorithm) async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let key = try PrivateKey.generate(for: algorithm).signingKey(for: algorithm)
        let issuer = try TokenIssuer(issuer: "https://account.gov.mo", signingKey: key, keyID: "2026-11", clock: clock)
        let published = try issuer.jwks().jsonBytes()
        #expect(!String(decoding: published, as: UTF8.self).contains("\"d\""))
        let keySet = try JWKSet(jsonBytes: published).verificationKeys()
        let verifier = try TokenVerifier(
            keySet: keySet, issuer: "https://account.gov.mo", audience: "dsal", clock: clock)
        let token = try await issuer.issue(subject: "p", audience: ["dsal"])
        #expect(try verifier.verify(token).subject == "p")
    }

    @Test func jwksRefusesPrivateKeysAndUnboundRSA() throws {
        let rsa = try PrivateKey.generate(.rsa(bits: 2048))
        let unbound = JWKSet(keys: [try rsa.publicKey.jwk(keyID: "r")])
        #expect(throws: CryptoError.self) { try JWKSet(jsonBytes: unbound.jsonBytes()).verificationKeys() }
        let withPrivate = JWKSet(keys: [try PrivateKey.generate(.p256).jwk(keyID: "x")])
        #expect(throws: CryptoError.self) { try withPrivate.jsonBytes() }
        let text = "{\"keys\":[\(String(decoding: try PrivateKey.generate(.p256).jwk().jsonBytes(), as: UTF8.self))]}"
        #expect(throws: CryptoError.self) { try JWKSet(jsonBytes: Array(text.utf8)) }
    }
}

@Suite struct TokenUnencodedPayloadTests {
    @Test func b64FalseTokensAreRefused() async throws {
        let clock = TestClock(Date(timeIntervalSince1970: 1_800_000_000))
        let key = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let keys = JWSKeySet([.init(keyID: "k", key: try key.publicKey.verificationKey(for: .es256))])
        let verifier = try TokenVerifier(keySet: keys, issuer: "i", audience: "a", clock: clock)
        let claims = TokenClaims(
            issuer: "i", subject: "s", audience: ["a"], expiresAt: clock.now() + 60, issuedAt: clock.now(), tokenID: "j"
        )
        let payload = try CanonicalJSON.serialize(claims.jsonValue)
        let header = JWSHeader(algorithm: .es256, type: "at+jwt", keyID: "k", base64EncodePayload: false)
        // Attached: the claims JSON has no '.', so RFC 7797 allows it in the compact form, and the
        // JWS layer verifies it; the token layer must still refuse it.
        let token = try await JWS.sign(payload: payload, header: header, key: key, detached: false)
        #expect(throws: TokenError.invalidSignatureOrFormat(.invalidHeader("b64 false is not allowed in a token"))) {
            try verifier.verify(token)
        }
    }
}
