import EGovCore
import EGovCrypto
import Foundation
import Testing

@testable import EGovCertificates

@Suite("SDJWT issuance, presentation and verification")
struct SDJWTRoundTripTests {
    typealias F = SDJWTFixture

    static let plan = DisclosurePlan([
        ["given_name"], ["family_name"], ["birthdate"], ["address", "street_address"], ["address", "locality"],
    ]).disclosingAllElements(of: ["nationalities"])

    @Test(
        "SDJWT: issue, present a subset with key binding, verify",
        arguments: [
            SignatureAlgorithm.es256, .edDSA, .sm2,
        ])
    func roundTrip(_ algorithm: SignatureAlgorithm) async throws {
        let issuerKey = try F.signingKey(algorithm)
        let holderKey = try F.signingKey(algorithm)
        let issuer = SDJWTIssuer(signingKey: issuerKey, keyID: "issuer-1")
        let issued = try await issuer.issue(
            claims: F.claims, disclose: Self.plan, holderKey: try holderKey.publicKey.jwk())
        #expect(issued.disclosures.count == 8)
        #expect(issued.serialized.hasSuffix("~"))
        #expect(try SDJWT(parsing: issued.serialized) == issued)

        // The holder checks what it received (no key binding from the issuer).
        let holderView = try SDJWTVerifier(issuerKeys: try F.keySet(issuerKey, keyID: "issuer-1")).verify(
            issued.serialized)
        #expect(holderView.claims["given_name"] == .string("Erika"))
        #expect(holderView.claims["nationalities"] == .array([.string("DE"), .string("FR"), .string("US")]))
        #expect(holderView.header.algorithm == algorithm)
        #expect(holderView.header.type == "dc+sd-jwt")
        #expect(holderView.header.keyID == "issuer-1")

        let presentation = try await SDJWTPresenter().present(
            issued, disclosing: [["given_name"], ["address", "locality"], ["nationalities", 1]],
            holderKey: holderKey, audience: F.audience, nonce: F.nonce, issuedAt: F.now)
        #expect(presentation.disclosures.count == 3)
        #expect(presentation.keyBindingJWT != nil)

        let verifier = SDJWTVerifier(
            issuerKeys: try F.keySet(issuerKey, keyID: "issuer-1"), keyBinding: F.requiredBinding(),
            validityClock: FixedClock(F.now))
        let verified = try verifier.verify(presentation.serialized)
        #expect(verified.keyBound)
        #expect(verified.claims["given_name"] == .string("Erika"))
        #expect(verified.claims["family_name"] == nil)
        #expect(verified.claims["birthdate"] == nil)
        #expect(verified.claims["address"] == .object(["locality": .string("Koeln"), "country": .string("DE")]))
        #expect(verified.claims["nationalities"] == .array([.string("FR")]))
        #expect(verified.claims["iss"] == .string("https://issuer.example.gov"))
        #expect(verified.claims["_sd_alg"] == nil)
        #expect(
            Set(verified.disclosedPaths)
                == Set<ClaimPath>([["given_name"], ["address", "locality"], ["nationalities", 1]]))
        #expect(verified.holderKey == (try holderKey.publicKey.jwk()))
        // Nothing undisclosed leaks in the presentation text.
        let text = presentation.serialized
        for hidden in ["Mustermann", "1963-08-12", "Heidestrasse"] {
            #expect(!text.contains(hidden))
            #expect(!presentation.disclosures.contains { $0.value == .string(hidden) })
        }
    }

    @Test("SDJWT: the payload has _sd_alg, sorted _sd arrays and ... placeholders, and hides values")
    func payloadShape() async throws {
        let key = try F.signingKey(.es256)
        let issued = try await SDJWTIssuer(signingKey: key).issue(claims: F.claims, disclose: Self.plan)
        let payload = try SDJWT.unverifiedPayload(of: issued.issuerJWT)
        #expect(payload["_sd_alg"] == .string("sha-256"))
        guard case .array(let digests)? = payload["_sd"] else {
            Issue.record("no top-level _sd")
            return
        }
        let strings = digests.compactMap { value -> String? in
            if case .string(let text) = value { return text }
            return nil
        }
        #expect(strings.count == 3)
        #expect(strings == strings.sorted())
        #expect(payload["given_name"] == nil)
        #expect(payload["iss"] == .string("https://issuer.example.gov"))
        guard case .object(let address)? = payload["address"] else {
            Issue.record("address should stay a clear object")
            return
        }
        #expect(address["country"] == .string("DE"))
        #expect(address["street_address"] == nil)
        guard case .array(let nationalities)? = payload["nationalities"] else {
            Issue.record("no nationalities array")
            return
        }
        #expect(nationalities.count == 3)
        for element in nationalities {
            guard case .object(let members) = element, case .string? = members["..."] else {
                Issue.record("array element is not a ... placeholder")
                return
            }
            #expect(members.count == 1)
        }
        let text = String(decoding: try Base64URL.decode(issued.issuerJWT.split(separator: ".")[1]), as: UTF8.self)
        #expect(!text.contains("Erika"))
        #expect(!text.contains("Heidestrasse"))
    }

    @Test("SDJWT: decoys add digests to every _sd array and verify")
    func decoys() async throws {
        let key = try F.signingKey(.es256)
        let issued = try await SDJWTIssuer(signingKey: key).issue(claims: F.claims, disclose: Self.plan, decoys: 5)
        let payload = try SDJWT.unverifiedPayload(of: issued.issuerJWT)
        guard case .array(let top)? = payload["_sd"], case .object(let address)? = payload["address"],
            case .array(let nested)? = address["_sd"]
        else {
            Issue.record("missing _sd arrays")
            return
        }
        #expect(top.count == 3 + 5)
        #expect(nested.count == 2 + 5)
        #expect(Set(top).count == top.count)
        let verified = try SDJWTVerifier(issuerKeys: try F.keySet(key)).verify(issued.serialized)
        #expect(verified.claims["family_name"] == .string("Mustermann"))
        // A presentation with no disclosure at all hides everything behind the decoys.
        let none = try await SDJWTPresenter().present(
            issued, disclosing: [], holderKey: nil, audience: "", nonce: "", issuedAt: F.now)
        #expect(none.disclosures.isEmpty)
        let bare = try SDJWTVerifier(issuerKeys: try F.keySet(key)).verify(none.serialized)
        #expect(bare.claims["given_name"] == nil)
        #expect(bare.claims["nationalities"] == .array([]))
        #expect(bare.claims["address"] == .object(["country": .string("DE")]))
        #expect(bare.disclosedPaths.isEmpty)
    }

    @Test("SDJWT: recursive disclosure - parent and members each disclosable")
    func recursive() async throws {
        let key = try F.signingKey(.edDSA)
        let plan = DisclosurePlan().disclosingRecursively(["address"])
        let issued = try await SDJWTIssuer(signingKey: key).issue(claims: F.claims, disclose: plan)
        #expect(issued.disclosures.count == 4)
        let payload = try SDJWT.unverifiedPayload(of: issued.issuerJWT)
        #expect(payload["address"] == nil)
        // Disclosing one member brings its parent's disclosure along, not the siblings.
        let presentation = try await SDJWTPresenter().present(
            issued, disclosing: [["address", "country"]], holderKey: nil, audience: "", nonce: "",
            issuedAt: F.now)
        #expect(presentation.disclosures.count == 2)
        let verifier = SDJWTVerifier(issuerKeys: try F.keySet(key))
        let verified = try verifier.verify(presentation.serialized)
        #expect(verified.claims["address"] == .object(["country": .string("DE")]))
        #expect(verified.disclosedPaths == [["address"], ["address", "country"]])
        // Disclosing the parent discloses everything beneath it.
        let whole = try await SDJWTPresenter().present(
            issued, disclosing: [["address"]], holderKey: nil, audience: "", nonce: "", issuedAt: F.now)
        #expect(whole.disclosures.count == 4)
        #expect(try verifier.verify(whole.serialized).claims["address"] == F.claims["address"])
        // The parent alone (a hand-made presentation) shows an empty object: no member leaks.
        let parentOnly = SDJWT(
            issuerJWT: issued.issuerJWT, disclosures: issued.disclosures.filter { $0.claimName == "address" })
        #expect(try verifier.verify(parentOnly.serialized).claims["address"] == .object([:]))
        // A member without its parent cannot be placed: refused.
        let orphan = SDJWT(
            issuerJWT: issued.issuerJWT, disclosures: issued.disclosures.filter { $0.claimName == "locality" })
        #expect(throws: SDJWTError.unreferencedDisclosure) { try verifier.verify(orphan.serialized) }
    }

    @Test("SDJWT: recursive array - the array and each element disclosable (RFC 9901 section 4.2.6)")
    func recursiveArray() async throws {
        let key = try F.signingKey(.es256)
        let plan = DisclosurePlan([["nationalities"]]).disclosingAllElements(of: ["nationalities"])
        let issued = try await SDJWTIssuer(signingKey: key).issue(claims: F.claims, disclose: plan)
        #expect(issued.disclosures.count == 4)
        let presentation = try await SDJWTPresenter().present(
            issued, disclosing: [["nationalities", 0], ["nationalities", 2]], holderKey: nil, audience: "",
            nonce: "", issuedAt: F.now)
        #expect(presentation.disclosures.count == 3)
        let verified = try SDJWTVerifier(issuerKeys: try F.keySet(key)).verify(presentation.serialized)
        #expect(verified.claims["nationalities"] == .array([.string("DE"), .string("US")]))
    }

    @Test("SDJWT: nested objects in arrays and deep structured disclosure")
    func nested() async throws {
        let key = try F.signingKey(.es256)
        let claims: [String: JSONValue] = [
            "iss": .string("https://issuer.example.gov"),
            "licences": .array([
                .object(["category": .string("B"), "valid_until": .string("2030-01-01")]),
                .object(["category": .string("C1"), "valid_until": .string("2027-06-30")]),
            ]),
        ]
        let plan = DisclosurePlan([["licences", .allElements, "valid_until"], ["licences", 1]])
        let issued = try await SDJWTIssuer(signingKey: key).issue(claims: claims, disclose: plan)
        #expect(issued.disclosures.count == 3)
        let presentation = try await SDJWTPresenter().present(
            issued, disclosing: [["licences", 0, "valid_until"], ["licences", 1, "category"]], holderKey: nil,
            audience: "", nonce: "", issuedAt: F.now)
        let verified = try SDJWTVerifier(issuerKeys: try F.keySet(key)).verify(presentation.serialized)
        #expect(
            verified.claims["licences"]
                == .array([
                    .object(["category": .string("B"), "valid_until": .string("2030-01-01")]),
                    .object(["category": .string("C1")]),
                ]))
    }

    @Test(
        "SDJWT: claims that must stay clear are refused as disclosable",
        arguments: [
            "iss", "nbf", "exp", "cnf", "vct", "status",
        ])
    func refusedAtIssuance(_ name: String) async throws {
        let key = try F.signingKey(.es256)
        var claims = F.claims
        claims[name] = claims[name] ?? .string("x")
        await #expect(throws: SDJWTError.claimNotDisclosable(name)) {
            try await SDJWTIssuer(signingKey: key).issue(claims: claims, disclose: DisclosurePlan([[.key(name)]]))
        }
    }

    @Test("SDJWT: reserved names and bad plans are refused at issuance")
    func badIssuanceInput() async throws {
        let key = try F.signingKey(.es256)
        let issuer = SDJWTIssuer(signingKey: key)
        for reserved in ["_sd", "_sd_alg", "..."] {
            var claims = F.claims
            claims["address"] = .object([reserved: .string("x")])
            await #expect(throws: SDJWTError.reservedClaimName) {
                try await issuer.issue(claims: claims, disclose: .none)
            }
        }
        await #expect(throws: SDJWTError.pathNotFound("addres.street_address")) {
            try await issuer.issue(claims: F.claims, disclose: DisclosurePlan([["addres", "street_address"]]))
        }
        await #expect(throws: SDJWTError.pathNotFound("nationalities.7")) {
            try await issuer.issue(claims: F.claims, disclose: DisclosurePlan([["nationalities", 7]]))
        }
        await #expect(throws: SDJWTError.claimNotDisclosable("(all top-level claims)")) {
            try await issuer.issue(claims: F.claims, disclose: DisclosurePlan().disclosingRecursively([]))
        }
        await #expect(throws: SDJWTError.invalidIssuanceInput("the claims already have cnf")) {
            var claims = F.claims
            claims["cnf"] = .object([:])
            return try await issuer.issue(
                claims: claims, disclose: .none, holderKey: try F.signingKey(.es256).publicKey.jwk())
        }
        let privateJWK = try PrivateKey.generate(for: .es256).jwk()
        await #expect(throws: SDJWTError.invalidIssuanceInput("the holder key has private members")) {
            try await issuer.issue(claims: F.claims, disclose: .none, holderKey: privateJWK)
        }
        var deep: JSONValue = .string("x")
        for _ in 0..<SDJWT.maximumDepth { deep = .object(["a": deep]) }
        await #expect(throws: SDJWTError.tooDeep(limit: SDJWT.maximumDepth)) {
            try await issuer.issue(claims: ["deep": deep], disclose: .none)
        }
    }

    @Test("SDJWT: the presenter refuses unknown paths, a foreign holder key and an SD-JWT+KB")
    func presenterRefusals() async throws {
        let issuerKey = try F.signingKey(.es256)
        let holderKey = try F.signingKey(.es256)
        let issued = try await SDJWTIssuer(signingKey: issuerKey).issue(
            claims: F.claims, disclose: Self.plan, holderKey: try holderKey.publicKey.jwk())
        let presenter = SDJWTPresenter()
        await #expect(throws: SDJWTError.pathNotFound("email")) {
            try await presenter.present(
                issued, disclosing: [["email"]], holderKey: nil, audience: "", nonce: "", issuedAt: F.now)
        }
        await #expect(throws: SDJWTError.holderKeyMismatch) {
            try await presenter.present(
                issued, disclosing: [], holderKey: try F.signingKey(.es256), audience: F.audience, nonce: F.nonce,
                issuedAt: F.now)
        }
        let bound = try await presenter.present(
            issued, disclosing: [], holderKey: holderKey, audience: F.audience, nonce: F.nonce, issuedAt: F.now)
        await #expect(throws: SDJWTError.keyBindingUnexpected) {
            try await presenter.present(
                bound, disclosing: [], holderKey: holderKey, audience: F.audience, nonce: F.nonce, issuedAt: F.now)
        }
        let unbound = try await SDJWTIssuer(signingKey: issuerKey).issue(claims: F.claims, disclose: Self.plan)
        await #expect(throws: SDJWTError.holderKeyMissing) {
            try await presenter.present(
                unbound, disclosing: [], holderKey: holderKey, audience: F.audience, nonce: F.nonce, issuedAt: F.now)
        }
    }

    @Test("SDJWT: claim paths parse from dotted text")
    func claimPaths() throws {
        #expect(try ClaimPath(parsing: "address.street_address") == ["address", "street_address"])
        #expect(try ClaimPath(parsing: "nationalities.0") == ["nationalities", 0])
        #expect(try ClaimPath(parsing: "nationalities.*") == ClaimPath([.key("nationalities"), .allElements]))
        #expect(ClaimPath(["nationalities", 12]).description == "nationalities.12")
        for bad in ["", "a..b", ".a", "a.", "a.01"] {
            #expect(throws: SDJWTError.self) { try ClaimPath(parsing: bad) }
        }
        #expect(ClaimPath([.key("n"), .allElements]).matches(["n", 3]))
        #expect(!ClaimPath([.key("n"), .allElements]).matches(["n", "x"]))
    }

    @Test("SDJWT: validity period is checked against the clock when one is given")
    func validity() async throws {
        let key = try F.signingKey(.es256)
        let issued = try await SDJWTIssuer(signingKey: key).issue(claims: F.claims, disclose: Self.plan)
        let late = SDJWTVerifier(
            issuerKeys: try F.keySet(key), validityClock: FixedClock(Date(timeIntervalSince1970: 2_000_000_000)))
        #expect(throws: SDJWTError.validityPeriod("expired")) { try late.verify(issued.serialized) }
        var claims = F.claims
        claims["nbf"] = .number(1_800_000_000)
        let future = try await SDJWTIssuer(signingKey: key).issue(claims: claims, disclose: .none)
        let early = SDJWTVerifier(issuerKeys: try F.keySet(key), validityClock: FixedClock(F.now))
        #expect(throws: SDJWTError.validityPeriod("not yet valid")) { try early.verify(future.serialized) }
    }

    @Test("SDJWT: other hash algorithms and a resolver closure")
    func sha384AndResolver() async throws {
        let key = try F.signingKey(.es384)
        let issued = try await SDJWTIssuer(signingKey: key, hashAlgorithm: .sha384, keyID: "k2").issue(
            claims: F.claims, disclose: Self.plan)
        #expect(try SDJWT.unverifiedPayload(of: issued.issuerJWT)["_sd_alg"] == .string("sha-384"))
        let verification = try F.verificationKey(key)
        let verifier = SDJWTVerifier(issuerKeyResolver: { header, payload in
            guard header.keyID == "k2", payload["iss"] == .string("https://issuer.example.gov") else {
                throw SDJWTError.issuerKeyUnavailable("unknown issuer")
            }
            return verification
        })
        #expect(try verifier.verify(issued.serialized).hashAlgorithm == .sha384)
        let strict = SDJWTVerifier(issuerKeyResolver: { _, _ in verification }, allowedHashAlgorithms: [.sha256])
        #expect(throws: SDJWTError.unsupportedHashAlgorithm("sha-384")) { try strict.verify(issued.serialized) }
    }
}
