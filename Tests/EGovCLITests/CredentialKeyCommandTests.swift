import EGovCertificates
import EGovCrypto
import EGovTesting
import Foundation
import Testing

/// `egov credential` and `egov status-list` with pinned keys, algorithms, exact numbers and
/// selective disclosure of nested claims.
@Suite("egov credential: keys, algorithms, numbers and disclosure")
struct CredentialKeyCommandTests {
    static let at = "2026-01-01T00:00:00Z"
    static let iss = "https://iam.gov.mo"
    static let vct = "https://credentials.gov.mo/food-establishment-licence"

    static func generate(_ dir: TemporaryDirectory, _ name: String, _ alg: String) async throws {
        let generated = try await CLIRunner.egov(["key", "generate", "--alg", alg, "--out", dir.path("\(name).pem")])
        #expect(generated.status == 0, "\(generated.stderr)")
        let pub = try await CLIRunner.egov(["key", "public", "--in", dir.path("\(name).pem")])
        try dir.write("\(name).pub", pub.stdout)
    }

    static func issue(_ dir: TemporaryDirectory, _ extra: [String], claims: String = "claims.json") async throws
        -> CLIRunner.Result
    {
        try await CLIRunner.egov(
            [
                "credential", "issue", "--key", dir.path("issuer.pem"), "--issuer", iss, "--vct", vct, "--claims",
                dir.path(claims), "--at", at,
            ] + extra)
    }

    @Test("a kid in the header does not stop a pinned --issuer-key (credential and status list token)")
    func kidWithPinnedKey() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.generate(dir, "issuer", "ES256")
        try dir.write("claims.json", #"{"licence_number":"L-1"}"#)
        let issued = try await Self.issue(
            dir, ["--kid", "iam-2026", "--status-uri", "https://iam.gov.mo/status/1", "--status-idx", "3"])
        #expect(issued.status == 0, "\(issued.stderr)")
        try dir.write("vc.txt", issued.stdout)
        let verified = try await CLIRunner.egov([
            "credential", "verify", "--issuer-key", dir.path("issuer.pub"), "--at", Self.at, dir.path("vc.txt"),
        ])
        #expect(verified.status == 0, "\(verified.stdout)")
        let token = try await CLIRunner.egov([
            "status-list", "issue", "--key", dir.path("issuer.pem"), "--kid", "iam-2026", "--uri",
            "https://iam.gov.mo/status/1", "--bits", "2", "--size", "16", "--set", "3=2", "--at", Self.at,
        ])
        #expect(token.status == 0, "\(token.stderr)")
        try dir.write("token.jwt", token.stdout)
        let withStatus = try await CLIRunner.egov([
            "credential", "verify", "--issuer-key", dir.path("issuer.pub"), "--status-list-token", dir.path("token.jwt"),
            "--at", Self.at, dir.path("vc.txt"),
        ])
        #expect(withStatus.status == 1, "\(withStatus.stdout)")
        let json = try withStatus.json()
        #expect(json["status"] as? String == "suspended")
        #expect(json["error"] as? String == "certificates.credential.status_suspended")
    }

    @Test("issue and verify PS256 with --alg; the verifier's --alg decides, not the token")
    func ps256() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.generate(dir, "issuer", "PS256")
        try dir.write("claims.json", #"{"licence_number":"L-1"}"#)
        let issued = try await Self.issue(dir, ["--alg", "PS256"])
        #expect(issued.status == 0, "\(issued.stderr)")
        try dir.write("vc.txt", issued.stdout)
        let header = try #require(issued.stdout.split(separator: ".").first)
        #expect(String(decoding: try Base64URLText.decode(String(header)), as: UTF8.self).contains(#""alg":"PS256""#))
        let verified = try await CLIRunner.egov([
            "credential", "verify", "--issuer-key", dir.path("issuer.pub"), "--alg", "PS256", "--at", Self.at,
            dir.path("vc.txt"),
        ])
        #expect(verified.status == 0, "\(verified.stdout)")
        let either = try await CLIRunner.egov([
            "credential", "verify", "--issuer-key", dir.path("issuer.pub"), "--alg", "RS256,PS256", "--at", Self.at,
            dir.path("vc.txt"),
        ])
        #expect(either.status == 0, "\(either.stdout)")
        let rs256Only = try await CLIRunner.egov([
            "credential", "verify", "--issuer-key", dir.path("issuer.pub"), "--alg", "RS256", "--at", Self.at,
            dir.path("vc.txt"),
        ])
        #expect(rs256Only.status == 1)
        // An algorithm of another key type is a usage error, and `none` is no algorithm.
        #expect(try await Self.issue(dir, ["--alg", "ES256"]).status == 64)
        #expect(try await Self.issue(dir, ["--alg", "none"]).status == 64)
        let mismatch = try await CLIRunner.egov([
            "credential", "verify", "--issuer-key", dir.path("issuer.pub"), "--alg", "ES256", "--at", Self.at,
            dir.path("vc.txt"),
        ])
        #expect(mismatch.status == 64)
    }

    @Test("an integer beyond 2^53 is refused at issuance instead of being signed as another number")
    func largeIntegerIsRefused() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.generate(dir, "issuer", "ES256")
        try dir.write("claims.json", #"{"permit_number":9007199254740993}"#)
        let issued = try await Self.issue(dir, [])
        #expect(issued.status == 65)
        #expect(issued.stdout.isEmpty)
        #expect(try issued.errorJSON()["error"] == "core.json.number_out_of_range")
        try dir.write("exact.json", #"{"permit_number":9007199254740991}"#)
        let exact = try await Self.issue(dir, [], claims: "exact.json")
        #expect(exact.status == 0, "\(exact.stderr)")
        let payload = try #require(exact.stdout.split(separator: ".").dropFirst().first)
        #expect(
            String(decoding: try Base64URLText.decode(String(payload)), as: UTF8.self).contains("9007199254740991"))
    }

    @Test("--sd all then --disclose holder.name discloses the name and not the address")
    func nestedDisclosure() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.generate(dir, "issuer", "ES256")
        try await Self.generate(dir, "holder", "ES256")
        try dir.write(
            "claims.json", #"{"licence_number":"L-1","holder":{"name":"Boa Mesa Lda.","address":"Rua 1"}}"#)
        let issued = try await Self.issue(dir, ["--sd", "all", "--holder-key", dir.path("holder.pub")])
        #expect(issued.status == 0, "\(issued.stderr)")
        try dir.write("vc.txt", issued.stdout)
        let presented = try await CLIRunner.egov([
            "credential", "present", "--holder-key", dir.path("holder.pem"), "--disclose", "holder.name", "--aud",
            "counter", "--nonce", "n1", "--at", Self.at, dir.path("vc.txt"),
        ])
        #expect(presented.status == 0, "\(presented.stderr)")
        #expect(presented.stderr.contains("holder.name"))
        try dir.write("vp.txt", presented.stdout)
        let verified = try await CLIRunner.egov([
            "credential", "verify", "--issuer-key", dir.path("issuer.pub"), "--aud", "counter", "--nonce", "n1", "--at",
            Self.at, dir.path("vp.txt"),
        ])
        #expect(verified.status == 0, "\(verified.stdout)")
        let claims = try #require(try verified.json()["claims"] as? [String: Any])
        let holder = try #require(claims["holder"] as? [String: Any])
        #expect(holder["name"] as? String == "Boa Mesa Lda.")
        #expect(holder["address"] == nil)
        #expect(claims["licence_number"] == nil)
    }
}

/// Strict base64url decoding for the tests (no padding).
enum Base64URLText {
    static func decode(_ text: String) throws -> [UInt8] {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        while base64.count % 4 != 0 { base64 += "=" }
        return Array(try #require(Data(base64Encoded: base64)))
    }
}
