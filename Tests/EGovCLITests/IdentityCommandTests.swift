import Foundation
import Testing

@Suite("egov id and egov token")
struct IdentityCommandTests {
    @Test(
        "id validate: valid 0, invalid 1 with a reason, unknown scheme 64",
        arguments: [
            ("cn-rid", "11010519491231002X", true), ("cn-rid", "11010519491231002Y", false),
            ("cn-rid", "11010519491231002x", false),
            ("hk-hkid", "A123456(3)", true), ("hk-hkid", "A123456(4)", false), ("mo-bir", "1234567(8)", true),
            ("cn-uscc", "91110000600037341L", true), ("cn-uscc", "91110000600037341M", false),
        ])
    func validate(scheme: String, value: String, valid: Bool) async throws {
        let result = try await CLIRunner.egov(["id", "validate", "--scheme", scheme, value])
        #expect(result.status == (valid ? 0 : 1), "\(result.stderr)")
        let json = try result.json()
        #expect(json["valid"] as? Bool == valid)
        #expect(json["masked"] is String)
        if valid { #expect(json["reason"] is NSNull) } else { #expect(json["reason"] is String) }
    }

    @Test("id validate: the ICAO 9303 specimen MRZ from standard input")
    func mrz() async throws {
        let mrz = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10\n"
        let result = try await CLIRunner.egov(["id", "validate", "--scheme", "mrz-td3", "-"], stdin: Data(mrz.utf8))
        #expect(result.status == 0, "\(result.stderr)")
        let unknown = try await CLIRunner.egov(["id", "validate", "--scheme", "xx", "1"])
        #expect(unknown.status == 64)
    }

    @Test("token issue and verify with a JWKS, for ES256, EdDSA and SM2", arguments: ["ES256", "EdDSA", "SM2"])
    func tokenRoundTrip(alg: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try await CLIRunner.egov(["key", "generate", "--alg", alg, "--out", dir.path("k.pem")])
        let jwks = try await CLIRunner.egov([
            "key", "public", "--in", dir.path("k.pem"), "--format", "jwks", "--kid", "k1",
        ])
        try dir.write("jwks.json", jwks.stdout)
        try dir.write(
            "claims.json",
            #"{"iss":"https://account.gov.mo","sub":"org-1","aud":"dsal","act":{"sub":"p-1","mandate_id":"m-1"}}"#)
        let issued = try await CLIRunner.egov([
            "token", "issue", "--key", dir.path("k.pem"), "--kid", "k1", "--claims", dir.path("claims.json"),
        ])
        #expect(issued.status == 0, "\(issued.stderr)")
        let token = issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let verified = try await CLIRunner.egov([
            "token", "verify", "--jwks", dir.path("jwks.json"), "--aud", "dsal", "--iss", "https://account.gov.mo",
            token,
        ])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(try verified.json()["sub"] as? String == "org-1")

        let wrongAudience = try await CLIRunner.egov([
            "token", "verify", "--jwks", dir.path("jwks.json"), "--aud", "dsi", token,
        ])
        #expect(wrongAudience.status == 1)
        #expect(try wrongAudience.errorJSON()["error"] == "identity.token.wrong_audience")
        let wrongIssuer = try await CLIRunner.egov([
            "token", "verify", "--jwks", dir.path("jwks.json"), "--aud", "dsal", "--iss", "https://x", token,
        ])
        #expect(try wrongIssuer.errorJSON()["error"] == "identity.token.wrong_issuer")
        let later = try await CLIRunner.egov([
            "token", "verify", "--jwks", dir.path("jwks.json"), "--aud", "dsal", "--at", "2099-01-01T00:00:00Z", token,
        ])
        #expect(try later.errorJSON()["error"] == "identity.token.expired")
        let parts = token.split(separator: ".")
        let tampered = parts[0] + "." + parts[1].dropLast(2) + "AA." + parts[2]
        let bad = try await CLIRunner.egov([
            "token", "verify", "--jwks", dir.path("jwks.json"), "--aud", "dsal", String(tampered),
        ])
        #expect(bad.status == 1)
    }

    @Test("token issue: claims without sub are bad input (65)")
    func missingClaim() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try await CLIRunner.egov(["key", "generate", "--alg", "ES256", "--out", dir.path("k.pem")])
        try dir.write("claims.json", #"{"iss":"a","aud":"b"}"#)
        let result = try await CLIRunner.egov([
            "token", "issue", "--key", dir.path("k.pem"), "--claims", dir.path("claims.json"),
        ])
        #expect(result.status == 65)
        #expect(try result.errorJSON()["error"] == "identity.token.missing_claim")
    }
}
