import EGovCertificates
import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

/// Status List Tokens in JWT form: issue, verify, and refusal of tampered or unacceptable tokens.
@Suite struct StatusListTokenTests {
    let now = TestPKI.referenceDate
    let uri = StatusListTestSupport.uri

    private func sampleList() throws -> StatusList {
        var list = try StatusList(bits: 2, size: 1024)
        try list.setStatus(.invalid, at: 3)
        try list.setStatus(.suspended, at: 1000)
        return list
    }

    /// Signs `claims` as a JWS with `typ`, bypassing ``StatusListToken/issue``.
    private func sign(
        _ claims: [String: JSONValue], type: String? = "statuslist+jwt", key: SoftwareSigningKey
    ) async throws -> String {
        try await JWS.sign(
            payload: CanonicalJSON.serialize(.object(claims)),
            header: JWSHeader(algorithm: key.algorithm, type: type, keyID: "status-1"), key: key)
    }

    private func claims(_ list: StatusList) throws -> [String: JSONValue] {
        [
            "sub": .string(uri), "iat": .number(now.timeIntervalSince1970),
            "exp": .number(now.timeIntervalSince1970 + 3600), "status_list": try list.jsonValue,
        ]
    }

    @Test(arguments: [SignatureAlgorithm.es256, .sm2])
    func issueAndVerify(_ algorithm: SignatureAlgorithm) async throws {
        let (signer, keySet) = try StatusListTestSupport.keys(algorithm)
        let list = try sampleList()
        let jwt = try await StatusListToken.issue(
            list: list, uri: uri, signingKey: signer, keyID: "status-1", issuedAt: now.addingTimeInterval(0.7),
            expiresAt: now.addingTimeInterval(86_400), timeToLive: 43_200)
        let parsed = try CompactJWS(parsing: jwt, limit: StatusListToken.maximumTokenLength)
        #expect(parsed.header.type == "statuslist+jwt")
        #expect(parsed.header.algorithm == algorithm)
        #expect(parsed.header.keyID == "status-1")

        let token = try StatusListToken.verify(jwt, keys: keySet, expectedURI: uri, at: now.addingTimeInterval(10))
        #expect(token.uri == uri)
        #expect(token.issuedAt == now)
        #expect(token.expiresAt == now.addingTimeInterval(86_400))
        #expect(token.timeToLive == 43_200)
        #expect(token.list == list)
        #expect(try token.status(of: StatusReference(index: 3, uri: uri)) == .invalid)
        #expect(try token.status(of: StatusReference(index: 1000, uri: uri)) == .suspended)
        #expect(try token.status(of: StatusReference(index: 4, uri: uri)) == .valid)
        #expect(throws: StatusListError.subjectMismatch) {
            try token.status(of: StatusReference(index: 3, uri: "https://status.example.gov/statuslists/2"))
        }
        #expect(throws: StatusListError.indexOutOfRange(index: 1024, count: 1024)) {
            try token.status(of: StatusReference(index: 1024, uri: uri))
        }

        // Without exp and ttl.
        let bare = try await StatusListToken.issue(
            list: list, uri: uri, signingKey: signer, keyID: "status-1", issuedAt: now, expiresAt: nil,
            timeToLive: nil)
        let bareToken = try StatusListToken.verify(bare, keys: keySet, expectedURI: uri, at: now)
        #expect(bareToken.expiresAt == nil)
        #expect(bareToken.timeToLive == nil)
    }

    @Test func badSignatureIsRefused() async throws {
        let (signer, keySet) = try StatusListTestSupport.keys(.es256)
        let (_, otherKeys) = try StatusListTestSupport.keys(.es256)
        let jwt = try await StatusListToken.issue(
            list: sampleList(), uri: uri, signingKey: signer, keyID: "status-1", issuedAt: now,
            expiresAt: now.addingTimeInterval(3600), timeToLive: nil)
        #expect(throws: StatusListError.signatureInvalid) {
            try StatusListToken.verify(jwt, keys: otherKeys, expectedURI: uri, at: now)
        }
        // The payload swapped for another list: the signature no longer covers it.
        var other = try sampleList()
        try other.setStatus(.valid, at: 3)
        let forged = try await sign(claims(other), key: StatusListTestSupport.keys(.es256).signer)
        let parts = jwt.split(separator: ".")
        let spliced = [parts[0], forged.split(separator: ".")[1], parts[2]].joined(separator: ".")
        #expect(throws: StatusListError.signatureInvalid) {
            try StatusListToken.verify(spliced, keys: keySet, expectedURI: uri, at: now)
        }
        // An unknown kid, a non-JWS: rejected by JWS processing.
        #expect(throws: StatusListError.tokenRejected(.unknownKey(kid: "status-1"))) {
            try StatusListToken.verify(jwt, keys: JWSKeySet([]), expectedURI: uri, at: now)
        }
        #expect(throws: StatusListError.tokenRejected(.wrongSegmentCount(1))) {
            try StatusListToken.verify("not-a-jwt", keys: keySet, expectedURI: uri, at: now)
        }
    }

    @Test func wrongTypeIsRefused() async throws {
        let (signer, keySet) = try StatusListTestSupport.keys(.es256)
        let list = try sampleList()
        for type in ["JWT", "statuslist+cwt", "dc+sd-jwt"] {
            let jwt = try await sign(claims(list), type: type, key: signer)
            #expect(throws: StatusListError.unexpectedTokenType(found: type)) {
                try StatusListToken.verify(jwt, keys: keySet, expectedURI: uri, at: now)
            }
        }
        let untyped = try await sign(claims(list), type: nil, key: signer)
        #expect(throws: StatusListError.unexpectedTokenType(found: nil)) {
            try StatusListToken.verify(untyped, keys: keySet, expectedURI: uri, at: now)
        }
        // RFC 7515 section 4.1.9: the application/ prefix may be present.
        let prefixed = try await sign(claims(list), type: "application/statuslist+jwt", key: signer)
        #expect(try StatusListToken.verify(prefixed, keys: keySet, expectedURI: uri, at: now).list == list)
    }

    @Test func subjectMismatchIsDistinct() async throws {
        let (signer, keySet) = try StatusListTestSupport.keys(.es256)
        let jwt = try await StatusListToken.issue(
            list: sampleList(), uri: uri, signingKey: signer, keyID: "status-1", issuedAt: now,
            expiresAt: now.addingTimeInterval(3600), timeToLive: nil)
        #expect(throws: StatusListError.subjectMismatch) {
            try StatusListToken.verify(
                jwt, keys: keySet, expectedURI: "https://status.example.gov/statuslists/2", at: now)
        }
        #expect(throws: StatusListError.subjectMismatch) {
            try StatusListToken.verify(jwt, keys: keySet, expectedURI: uri + "/", at: now)
        }
    }

    @Test func timeIsCheckedWithSkew() async throws {
        let (signer, keySet) = try StatusListTestSupport.keys(.es256)
        let jwt = try await StatusListToken.issue(
            list: sampleList(), uri: uri, signingKey: signer, keyID: "status-1", issuedAt: now,
            expiresAt: now.addingTimeInterval(3600), timeToLive: nil)
        let expiry = now.addingTimeInterval(3600)
        #expect(throws: Never.self) {
            try StatusListToken.verify(jwt, keys: keySet, expectedURI: uri, at: expiry.addingTimeInterval(59))
        }
        #expect(throws: StatusListError.expired) {
            try StatusListToken.verify(jwt, keys: keySet, expectedURI: uri, at: expiry.addingTimeInterval(60))
        }
        #expect(throws: StatusListError.expired) {
            try StatusListToken.verify(jwt, keys: keySet, expectedURI: uri, at: expiry, allowedSkew: 0)
        }
        #expect(throws: Never.self) {
            try StatusListToken.verify(jwt, keys: keySet, expectedURI: uri, at: now.addingTimeInterval(-60))
        }
        #expect(throws: StatusListError.notYetValid) {
            try StatusListToken.verify(jwt, keys: keySet, expectedURI: uri, at: now.addingTimeInterval(-61))
        }
    }

    @Test func malformedClaimsAreRefused() async throws {
        let (signer, keySet) = try StatusListTestSupport.keys(.es256)
        let list = try sampleList()
        let base = try claims(list)
        var cases: [(String, [String: JSONValue], String)] = []
        func edit(_ name: String, _ key: String, _ value: JSONValue?, _ code: String) {
            var copy = base
            copy[key] = value
            cases.append((name, copy, code))
        }
        let claimsCode = "certificates.status_list.invalid_claims"
        edit("no sub", "sub", nil, claimsCode)
        edit("numeric sub", "sub", .number(1), claimsCode)
        edit("no iat", "iat", nil, claimsCode)
        edit("string iat", "iat", .string("2026-01-01"), claimsCode)
        edit("string exp", "exp", .string("never"), claimsCode)
        edit("zero ttl", "ttl", .number(0), claimsCode)
        edit("negative ttl", "ttl", .number(-5), claimsCode)
        edit("fractional ttl", "ttl", .number(1.5), claimsCode)
        edit("no status_list", "status_list", nil, claimsCode)
        edit("status_list not an object", "status_list", .string("x"), "certificates.status_list.invalid_json")
        edit(
            "lst not base64url", "status_list", .object(["bits": .number(2), "lst": .string("eNo76fITAAPfAgc=")]),
            "certificates.status_list.invalid_base64url")
        edit(
            "lst not zlib", "status_list",
            .object(["bits": .number(2), "lst": .string(Base64URL.encode(Array("not zlib".utf8)))]),
            "certificates.status_list.invalid_compression")
        edit(
            "lst with trailing garbage", "status_list",
            .object([
                "bits": .number(2), "lst": .string(Base64URL.encode(try Base64URL.decode("eNo76fITAAPfAgc") + [0])),
            ]),
            "certificates.status_list.invalid_compression")
        edit(
            "bits 3", "status_list", .object(["bits": .number(3), "lst": .string("eNo76fITAAPfAgc")]),
            "certificates.status_list.invalid_bits")
        for (name, claims, code) in cases {
            let jwt = try await sign(claims, key: signer)
            expectStatusListError(code: code, name) {
                _ = try StatusListToken.verify(jwt, keys: keySet, expectedURI: uri, at: now)
            }
        }
        // A payload that is not a JSON object.
        let array = try await JWS.sign(
            payload: Array("[1,2]".utf8),
            header: JWSHeader(algorithm: .es256, type: "statuslist+jwt", keyID: "status-1"),
            key: signer)
        expectStatusListError(code: claimsCode) {
            _ = try StatusListToken.verify(array, keys: keySet, expectedURI: uri, at: now)
        }
    }

    @Test func unusableIssueParametersAreRefused() async throws {
        let (signer, _) = try StatusListTestSupport.keys(.es256)
        let list = try sampleList()
        await expectStatusListErrorAsync(code: "certificates.status_list.invalid_parameter", "exp before iat") {
            _ = try await StatusListToken.issue(
                list: list, uri: uri, signingKey: signer, keyID: nil, issuedAt: now, expiresAt: now, timeToLive: nil)
        }
        await expectStatusListErrorAsync(code: "certificates.status_list.invalid_parameter", "ttl 0") {
            _ = try await StatusListToken.issue(
                list: list, uri: uri, signingKey: signer, keyID: nil, issuedAt: now, expiresAt: nil, timeToLive: 0)
        }
        await expectStatusListErrorAsync(code: "certificates.status_list.invalid_parameter", "relative uri") {
            _ = try await StatusListToken.issue(
                list: list, uri: "/statuslists/1", signingKey: signer, keyID: nil, issuedAt: now, expiresAt: nil,
                timeToLive: nil)
        }
    }
}
