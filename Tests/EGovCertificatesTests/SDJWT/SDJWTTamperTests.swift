import EGovCore
import EGovCrypto
import Foundation
import Testing

@testable import EGovCertificates

@Suite("SDJWT tampering and malformed input")
struct SDJWTTamperTests {
    typealias F = SDJWTFixture

    struct Setup {
        let issuerKey: SoftwareSigningKey
        let holderKey: SoftwareSigningKey
        let issued: SDJWT
        var verifier: SDJWTVerifier { SDJWTVerifier(issuerKeys: (try? F.keySet(issuerKey)) ?? JWSKeySet([])) }
        var bindingVerifier: SDJWTVerifier {
            SDJWTVerifier(issuerKeys: (try? F.keySet(issuerKey)) ?? JWSKeySet([]), keyBinding: F.requiredBinding())
        }
    }

    static func setup() async throws -> Setup {
        let issuerKey = try F.signingKey(.es256)
        let holderKey = try F.signingKey(.es256)
        let plan = DisclosurePlan([["given_name"], ["family_name"], ["address", "locality"]])
            .disclosingAllElements(of: ["nationalities"])
        let issued = try await SDJWTIssuer(signingKey: issuerKey).issue(
            claims: F.claims, disclose: plan, holderKey: try holderKey.publicKey.jwk())
        return Setup(issuerKey: issuerKey, holderKey: holderKey, issued: issued)
    }

    // MARK: - Disclosures

    @Test("SDJWT: an edited disclosure is no longer referenced")
    func editedDisclosure() async throws {
        let s = try await Self.setup()
        var disclosures = s.issued.disclosures
        guard let index = disclosures.firstIndex(where: { $0.claimName == "given_name" }) else {
            Issue.record("no given_name disclosure")
            return
        }
        disclosures[index] = try Disclosure(
            salt: disclosures[index].salt, claimName: "given_name", value: .string("Mallory"))
        let forged = SDJWT(issuerJWT: s.issued.issuerJWT, disclosures: disclosures)
        #expect(throws: SDJWTError.unreferencedDisclosure) { try s.verifier.verify(forged.serialized) }
    }

    @Test("SDJWT: an added disclosure that no digest references is refused")
    func addedDisclosure() async throws {
        let s = try await Self.setup()
        let extra = try Disclosure(claimName: "age_over_18", value: .bool(true))
        let forged = SDJWT(issuerJWT: s.issued.issuerJWT, disclosures: s.issued.disclosures + [extra])
        #expect(throws: SDJWTError.unreferencedDisclosure) { try s.verifier.verify(forged.serialized) }
    }

    @Test("SDJWT: the same disclosure twice is refused")
    func repeatedDisclosure() async throws {
        let s = try await Self.setup()
        guard let first = s.issued.disclosures.first else { return }
        let text = s.issued.serialized + first.encoded + "~"
        #expect(throws: SDJWTError.duplicateDisclosure) { try s.verifier.verify(text) }
    }

    @Test("SDJWT: disclosures with the reserved names _sd and ... are refused", arguments: ["_sd", "..."])
    func reservedDisclosureNames(_ name: String) async throws {
        let salt = try Disclosure.makeSalt()
        let json = "[\"\(salt)\", \"\(name)\", [\"x\"]]"
        let encoded = Base64URL.encode(Array(json.utf8))
        #expect(throws: SDJWTError.reservedClaimName) { try Disclosure(parsing: encoded) }
        #expect(throws: SDJWTError.reservedClaimName) {
            try Disclosure(salt: salt, claimName: name, value: .null)
        }
        // Even when the issuer signed its digest.
        let key = try F.signingKey(.es256)
        let jwt = try await F.issuerJWT(
            [
                "iss": .string("x"),
                "_sd": .array([.string(Base64URL.encode(HashAlgorithm.sha256.hash(Array(encoded.utf8))))]),
            ],
            key: key)
        let verifier = SDJWTVerifier(issuerKeys: try F.keySet(key))
        #expect(throws: SDJWTError.reservedClaimName) { try verifier.verify(jwt + "~" + encoded + "~") }
    }

    @Test("SDJWT: malformed disclosures are refused")
    func malformedDisclosures() throws {
        let cases: [String] = [
            "[\"salt\"]", "[\"salt\", \"a\", \"b\", \"c\"]", "{\"salt\": 1}", "[1, \"name\", \"v\"]",
            "[\"salt\", 2, \"v\"]", "[\"s\", \"a\", {\"k\": 1, \"k\": 2}]",
        ]
        for json in cases {
            let encoded = Base64URL.encode(Array(json.utf8))
            #expect(throws: SDJWTError.self) { try Disclosure(parsing: encoded) }
        }
        #expect(throws: SDJWTError.invalidDisclosure("not strict base64url")) { try Disclosure(parsing: "WyJh=") }
        #expect(throws: SDJWTError.invalidDisclosure("empty")) { try Disclosure(parsing: "") }
    }

    // MARK: - Payload structure (issuer-signed, so only the SD-JWT rules can refuse them)

    static func disclosure(_ name: String?, _ value: JSONValue) throws -> (Disclosure, String) {
        let disclosure = try Disclosure(claimName: name, value: value)
        return (disclosure, disclosure.digest())
    }

    @Test("SDJWT: a digest that appears twice is refused")
    func duplicateDigest() async throws {
        let key = try F.signingKey(.es256)
        let (d, digest) = try Self.disclosure("given_name", .string("Erika"))
        let verifier = SDJWTVerifier(issuerKeys: try F.keySet(key))
        // Twice in one _sd array.
        let twice = try await F.issuerJWT(["_sd": .array([.string(digest), .string(digest)])], key: key)
        #expect(throws: SDJWTError.duplicateDigest) { try verifier.verify(twice + "~" + d.encoded + "~") }
        // In two places, even without the disclosure being presented.
        let (_, other) = try Self.disclosure(nil, .string("DE"))
        let spread = try await F.issuerJWT(
            [
                "_sd": .array([.string(digest)]),
                "nationalities": .array([.object(["...": .string(other)]), .object(["...": .string(other)])]),
            ], key: key)
        #expect(throws: SDJWTError.duplicateDigest) { try verifier.verify(spread + "~") }
        // Once in the payload and once inside a disclosure.
        let (inner, innerDigest) = try Self.disclosure("locality", .string("Koeln"))
        let (outer, outerDigest) = try Self.disclosure("address", .object(["_sd": .array([.string(innerDigest)])]))
        let nested = try await F.issuerJWT(
            ["_sd": .array([.string(outerDigest)]), "other": .object(["_sd": .array([.string(innerDigest)])])],
            key: key)
        #expect(throws: SDJWTError.duplicateDigest) {
            try verifier.verify(nested + "~" + outer.encoded + "~" + inner.encoded + "~")
        }
    }

    @Test("SDJWT: a disclosed name that clashes with a claim at its level is refused")
    func clashingNames() async throws {
        let key = try F.signingKey(.es256)
        let verifier = SDJWTVerifier(issuerKeys: try F.keySet(key))
        let (d, digest) = try Self.disclosure("given_name", .string("Erika"))
        let clear = try await F.issuerJWT(["given_name": .string("Eve"), "_sd": .array([.string(digest)])], key: key)
        #expect(throws: SDJWTError.claimNameClash) { try verifier.verify(clear + "~" + d.encoded + "~") }
        // Two disclosures of the same name at one level.
        let (d2, digest2) = try Self.disclosure("given_name", .string("Eve"))
        let two = try await F.issuerJWT(["_sd": .array([.string(digest), .string(digest2)])], key: key)
        #expect(throws: SDJWTError.claimNameClash) {
            try verifier.verify(two + "~" + d.encoded + "~" + d2.encoded + "~")
        }
    }

    @Test("SDJWT: a ... object with other members, and ... outside arrays, are refused")
    func badEllipsis() async throws {
        let key = try F.signingKey(.es256)
        let verifier = SDJWTVerifier(issuerKeys: try F.keySet(key))
        let (_, digest) = try Self.disclosure(nil, .string("DE"))
        let extra = try await F.issuerJWT(
            ["nationalities": .array([.object(["...": .string(digest), "x": .number(1)])])], key: key)
        #expect(throws: SDJWTError.invalidArrayElementDigest) { try verifier.verify(extra + "~") }
        let notString = try await F.issuerJWT(["nationalities": .array([.object(["...": .number(1)])])], key: key)
        #expect(throws: SDJWTError.invalidArrayElementDigest) { try verifier.verify(notString + "~") }
        let outside = try await F.issuerJWT(["address": .object(["...": .string(digest)])], key: key)
        #expect(throws: SDJWTError.invalidArrayElementDigest) { try verifier.verify(outside + "~") }
    }

    @Test("SDJWT: _sd must be an array of strings; _sd_alg must be accepted and top-level")
    func badDigestArrays() async throws {
        let key = try F.signingKey(.es256)
        let verifier = SDJWTVerifier(issuerKeys: try F.keySet(key))
        for bad: JSONValue in [.string("abc"), .array([.number(1)]), .object([:])] {
            let jwt = try await F.issuerJWT(["_sd": bad], key: key)
            #expect(throws: SDJWTError.invalidDigestArray) { try verifier.verify(jwt + "~") }
        }
        let md5 = try await F.issuerJWT(["_sd_alg": .string("md5"), "_sd": .array([])], key: key)
        #expect(throws: SDJWTError.unsupportedHashAlgorithm("md5")) { try verifier.verify(md5 + "~") }
        let upper = try await F.issuerJWT(["_sd_alg": .string("SHA-256")], key: key)
        #expect(throws: SDJWTError.unsupportedHashAlgorithm("SHA-256")) { try verifier.verify(upper + "~") }
        let nested = try await F.issuerJWT(["address": .object(["_sd_alg": .string("sha-256")])], key: key)
        #expect(throws: SDJWTError.misplacedHashAlgorithmClaim) { try verifier.verify(nested + "~") }
    }

    @Test("SDJWT: object-property disclosures only from _sd, array-element disclosures only from arrays")
    func kindMismatch() async throws {
        let key = try F.signingKey(.es256)
        let verifier = SDJWTVerifier(issuerKeys: try F.keySet(key))
        let (element, elementDigest) = try Self.disclosure(nil, .string("DE"))
        let inSD = try await F.issuerJWT(["_sd": .array([.string(elementDigest)])], key: key)
        #expect(throws: SDJWTError.disclosureKindMismatch) { try verifier.verify(inSD + "~" + element.encoded + "~") }
        let (property, propertyDigest) = try Self.disclosure("given_name", .string("Erika"))
        let inArray = try await F.issuerJWT(["n": .array([.object(["...": .string(propertyDigest)])])], key: key)
        #expect(throws: SDJWTError.disclosureKindMismatch) {
            try verifier.verify(inArray + "~" + property.encoded + "~")
        }
    }

    // MARK: - Structure and issuer signature

    @Test("SDJWT: tilde structure and limits")
    func structure() async throws {
        let s = try await Self.setup()
        let verifier = s.verifier
        #expect(throws: SDJWTError.self) { try verifier.verify(s.issued.issuerJWT) }
        #expect(throws: SDJWTError.malformed("an empty disclosure")) { try verifier.verify(s.issued.issuerJWT + "~~") }
        #expect(throws: SDJWTError.malformed("the Key Binding JWT is not a compact JWS")) {
            try verifier.verify(s.issued.serialized + "notajwt")
        }
        #expect(throws: SDJWTError.tooLarge(limit: SDJWT.maximumLength)) {
            try verifier.verify(String(repeating: "a", count: SDJWT.maximumLength + 1))
        }
        let many = s.issued.issuerJWT + "~" + String(repeating: "WyJhIiwgMV0~", count: SDJWT.maximumDisclosures + 1)
        #expect(throws: SDJWTError.tooManyDisclosures(limit: SDJWT.maximumDisclosures)) { try verifier.verify(many) }
    }

    @Test("SDJWT: an issuer signature that does not verify is refused")
    func issuerSignature() async throws {
        let s = try await Self.setup()
        // Signed by another key.
        let stranger = SDJWTVerifier(issuerKeys: try F.keySet(try F.signingKey(.es256)))
        #expect(throws: SDJWTError.issuerSignatureInvalid(.signatureInvalid)) {
            try stranger.verify(s.issued.serialized)
        }
        // Payload swapped for another issuer-signed payload.
        let other = try await SDJWTIssuer(signingKey: try F.signingKey(.es256)).issue(claims: F.claims, disclose: .none)
        let parts = s.issued.issuerJWT.split(separator: ".")
        let swapped = [String(parts[0]), String(other.issuerJWT.split(separator: ".")[1]), String(parts[2])]
            .joined(separator: ".")
        let forged = SDJWT(issuerJWT: swapped, disclosures: [])
        #expect(throws: SDJWTError.issuerSignatureInvalid(.signatureInvalid)) {
            try s.verifier.verify(forged.serialized)
        }
        // Wrong typ.
        let typed = SDJWTVerifier(issuerKeys: try F.keySet(s.issuerKey), expectedType: "vc+sd-jwt")
        #expect(throws: SDJWTError.issuerSignatureInvalid(.unexpectedType(expected: "vc+sd-jwt", found: "dc+sd-jwt"))) {
            try typed.verify(s.issued.serialized)
        }
        // No key for the kid.
        let kid = try await SDJWTIssuer(signingKey: s.issuerKey, keyID: "other").issue(
            claims: F.claims, disclose: .none)
        let keyed = SDJWTVerifier(issuerKeys: JWSKeySet([.init(keyID: "k1", key: try F.verificationKey(s.issuerKey))]))
        #expect(throws: SDJWTError.issuerKeyUnavailable("no issuer key with the header's kid")) {
            try keyed.verify(kid.serialized)
        }
    }

    // MARK: - Key binding

    func presentation(_ s: Setup) async throws -> SDJWT {
        try await SDJWTPresenter().present(
            s.issued, disclosing: [["given_name"]], holderKey: s.holderKey, audience: F.audience, nonce: F.nonce,
            issuedAt: F.now)
    }

    @Test("SDJWT: a valid KB-JWT verifies; missing or unexpected KB-JWTs are refused")
    func keyBindingPresence() async throws {
        let s = try await Self.setup()
        let bound = try await presentation(s)
        #expect(try s.bindingVerifier.verify(bound.serialized).keyBound)
        let unbound = SDJWT(issuerJWT: bound.issuerJWT, disclosures: bound.disclosures)
        #expect(throws: SDJWTError.keyBindingMissing) { try s.bindingVerifier.verify(unbound.serialized) }
        #expect(throws: SDJWTError.keyBindingUnexpected) { try s.verifier.verify(bound.serialized) }
    }

    @Test("SDJWT: KB-JWT with a wrong nonce, audience or typ is refused")
    func keyBindingClaims() async throws {
        let s = try await Self.setup()
        let base = try await presentation(s)
        let part = base.sdJWTPart
        let wrongNonce = try await F.keyBindingJWT(sdJWTPart: part, key: s.holderKey, nonce: "other-nonce")
        #expect(throws: SDJWTError.keyBindingNonceMismatch) { try s.bindingVerifier.verify(part + wrongNonce) }
        let wrongAudience = try await F.keyBindingJWT(
            sdJWTPart: part, key: s.holderKey, audience: "https://evil.example")
        #expect(throws: SDJWTError.keyBindingAudienceMismatch) { try s.bindingVerifier.verify(part + wrongAudience) }
        let wrongType = try await F.keyBindingJWT(sdJWTPart: part, key: s.holderKey, type: "JWT")
        #expect(throws: SDJWTError.keyBindingWrongType) { try s.bindingVerifier.verify(part + wrongType) }
    }

    @Test("SDJWT: KB-JWT iat outside the freshness window is refused")
    func keyBindingFreshness() async throws {
        let s = try await Self.setup()
        let part = try await presentation(s).sdJWTPart
        let now = F.now.timeIntervalSince1970
        let stale = try await F.keyBindingJWT(sdJWTPart: part, key: s.holderKey, issuedAt: now - 3600)
        #expect(throws: SDJWTError.keyBindingStale) { try s.bindingVerifier.verify(part + stale) }
        let future = try await F.keyBindingJWT(sdJWTPart: part, key: s.holderKey, issuedAt: now + 3600)
        #expect(throws: SDJWTError.keyBindingIssuedInFuture) { try s.bindingVerifier.verify(part + future) }
        let withinSkew = try await F.keyBindingJWT(sdJWTPart: part, key: s.holderKey, issuedAt: now + 30)
        #expect(try s.bindingVerifier.verify(part + withinSkew).keyBound)
    }

    @Test("SDJWT: KB-JWT sd_hash must cover exactly the presented disclosures")
    func keyBindingHash() async throws {
        let s = try await Self.setup()
        let bound = try await presentation(s)
        guard let kb = bound.keyBindingJWT else {
            Issue.record("no KB-JWT")
            return
        }
        // A disclosure removed after binding.
        let fewer = SDJWT(issuerJWT: bound.issuerJWT, disclosures: [], keyBindingJWT: kb)
        #expect(throws: SDJWTError.keyBindingHashMismatch) { try s.bindingVerifier.verify(fewer.serialized) }
        // A disclosure added after binding.
        let more = SDJWT(issuerJWT: bound.issuerJWT, disclosures: s.issued.disclosures, keyBindingJWT: kb)
        #expect(throws: SDJWTError.keyBindingHashMismatch) { try s.bindingVerifier.verify(more.serialized) }
        // An sd_hash of something else.
        let wrong = try await F.keyBindingJWT(
            sdJWTPart: bound.sdJWTPart, key: s.holderKey, sdHash: Base64URL.encode(HashAlgorithm.sha256.hash([1])))
        #expect(throws: SDJWTError.keyBindingHashMismatch) { try s.bindingVerifier.verify(bound.sdJWTPart + wrong) }
    }

    @Test("SDJWT: KB-JWT signed by a key other than cnf.jwk is refused")
    func keyBindingOtherKey() async throws {
        let s = try await Self.setup()
        let part = try await presentation(s).sdJWTPart
        let other = try await F.keyBindingJWT(sdJWTPart: part, key: try F.signingKey(.es256))
        #expect(throws: SDJWTError.keyBindingSignatureInvalid(.signatureInvalid)) {
            try s.bindingVerifier.verify(part + other)
        }
        // An EdDSA KB-JWT against a P-256 cnf.jwk: the header cannot switch the key's algorithm.
        let edDSA = try await F.keyBindingJWT(sdJWTPart: part, key: try F.signingKey(.edDSA))
        #expect(throws: SDJWTError.self) { try s.bindingVerifier.verify(part + edDSA) }
        do {
            _ = try s.bindingVerifier.verify(part + edDSA)
        } catch {
            #expect(error.code == "certificates.sdjwt.holder_key_invalid")
        }
        // No cnf at all.
        let unbound = try await SDJWTIssuer(signingKey: s.issuerKey).issue(claims: F.claims, disclose: .none)
        let kb = try await F.keyBindingJWT(sdJWTPart: unbound.sdJWTPart, key: s.holderKey)
        #expect(throws: SDJWTError.holderKeyMissing) { try s.bindingVerifier.verify(unbound.sdJWTPart + kb) }
    }

    @Test("SDJWT: error codes are stable and reasons carry no disclosed values")
    func errorsDoNotEcho() async throws {
        let s = try await Self.setup()
        var disclosures = s.issued.disclosures
        disclosures.append(try Disclosure(claimName: "secret_name", value: .string("Very Personal Value")))
        let forged = SDJWT(issuerJWT: s.issued.issuerJWT, disclosures: disclosures)
        do {
            _ = try s.verifier.verify(forged.serialized)
            Issue.record("accepted")
        } catch {
            #expect(error.code == "certificates.sdjwt.unreferenced_disclosure")
            #expect(!error.description.contains("Very Personal Value"))
            #expect(!error.description.contains("secret_name"))
            #expect(!error.description.contains("Erika"))
        }
        #expect(disclosures[0].description.contains("Disclosure("))
        #expect(!disclosures[0].description.contains(disclosures[0].salt))
    }
}
