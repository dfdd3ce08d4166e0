import Foundation
import Testing

@Suite("egov key")
struct KeyCommandTests {
    static let algorithms: [(String, String)] = [
        ("ES256", "P-256"), ("ES384", "P-384"), ("EdDSA", "Ed25519"), ("RS256", "RSA-2048"), ("PS256", "RSA-2048"),
        ("SM2", "SM2"),
    ]

    static func mode(of path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let permissions = try #require(attributes[.posixPermissions] as? NSNumber)
        return permissions.intValue & 0o777
    }

    @Test("generate writes a 0600 PKCS#8 key that openssl loads", arguments: algorithms)
    func generate(alg: String, keyType: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let result = try await CLIRunner.egov(["key", "generate", "--alg", alg, "--out", dir.path("key.pem")])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["algorithm"] as? String == alg)
        #expect(json["keyType"] as? String == keyType)
        let publicPEM = try #require(json["publicKey"] as? String)
        #expect(publicPEM.hasPrefix("-----BEGIN PUBLIC KEY-----\n"))
        #expect(try Self.mode(of: dir.path("key.pem")) == 0o600)
        #expect(try dir.read("key.pem").hasPrefix("-----BEGIN PRIVATE KEY-----\n"))

        let check = try await CLIRunner.openssl(["pkey", "-in", dir.path("key.pem"), "-noout", "-check"])
        #expect(check.status == 0, "openssl pkey -check failed: \(check.stderr)")
        let pub = try await CLIRunner.openssl(["pkey", "-in", dir.path("key.pem"), "-pubout"])
        #expect(pub.status == 0)
        #expect(pub.stdout == publicPEM)
    }

    @Test("generate refuses to overwrite without --force, and --force leaves a 0600 file")
    func overwrite() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let path = dir.path("key.pem")
        try dir.write("key.pem", "keep me")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path)

        let refused = try await CLIRunner.egov(["key", "generate", "--alg", "ES256", "--out", path])
        #expect(refused.status == 64)
        #expect(try refused.errorJSON()["error"] == "cli.output.exists")
        #expect(try dir.read("key.pem") == "keep me")

        let forced = try await CLIRunner.egov(["key", "generate", "--alg", "ES256", "--out", path, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try dir.read("key.pem").hasPrefix("-----BEGIN PRIVATE KEY-----"))
        #expect(try Self.mode(of: path) == 0o600)
    }

    @Test("generate with an unknown or missing algorithm is a usage error (64)")
    func unknownAlgorithm() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let unknown = try await CLIRunner.egov(["key", "generate", "--alg", "HS256", "--out", dir.path("k.pem")])
        #expect(unknown.status == 64)
        #expect(try unknown.errorJSON()["error"] == "cli.usage")
        #expect(!FileManager.default.fileExists(atPath: dir.path("k.pem")))
        let missing = try await CLIRunner.egov(["key", "generate", "--out", dir.path("k.pem")])
        #expect(missing.status == 64)
        let noOut = try await CLIRunner.egov(["key", "generate", "--alg", "ES256"])
        #expect(noOut.status == 64)
    }

    @Test("public prints the PEM public key of a private key, matching openssl")
    func publicPEM() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let generated = try await CLIRunner.egov(["key", "generate", "--alg", "SM2", "--out", dir.path("k.pem")])
        let expected = try #require(try generated.json()["publicKey"] as? String)
        let result = try await CLIRunner.egov(["key", "public", "--in", dir.path("k.pem")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected)
        let explicit = try await CLIRunner.egov(["key", "public", "--in", dir.path("k.pem"), "--format", "pem"])
        #expect(explicit.stdout == expected)

        // A PUBLIC KEY file is accepted too and printed unchanged.
        try dir.write("pub.pem", expected)
        let again = try await CLIRunner.egov(["key", "public", "--in", dir.path("pub.pem")])
        #expect(again.status == 0)
        #expect(again.stdout == expected)
    }

    @Test("public reads a key made by openssl (traditional EC PEM)")
    func publicFromOpenSSLKey() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let made = try await CLIRunner.openssl([
            "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", dir.path("ec.pem"),
        ])
        #expect(made.status == 0, "\(made.stderr)")
        let expected = try await CLIRunner.openssl(["pkey", "-in", dir.path("ec.pem"), "-pubout"])
        let result = try await CLIRunner.egov(["key", "public", "--in", dir.path("ec.pem")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected.stdout)
    }

    @Test("public --format jwk prints the JWK; --format jwks binds the key to an algorithm")
    func publicJWK() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        _ = try await CLIRunner.egov(["key", "generate", "--alg", "ES256", "--out", dir.path("k.pem")])
        let result = try await CLIRunner.egov([
            "key", "public", "--in", dir.path("k.pem"), "--format", "jwk", "--kid", "k1",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let jwk = try result.json()
        #expect(jwk["kty"] as? String == "EC")
        #expect(jwk["crv"] as? String == "P-256")
        #expect(jwk["kid"] as? String == "k1")
        #expect(jwk["d"] == nil)
        let set = try await CLIRunner.egov(["key", "public", "--in", dir.path("k.pem"), "--format", "jwks"])
        #expect(set.status == 0, "\(set.stderr)")
        let keys = try #require(try set.json()["keys"] as? [[String: Any]])
        #expect(keys.first?["alg"] as? String == "ES256")
        let mismatch = try await CLIRunner.egov([
            "key", "public", "--in", dir.path("k.pem"), "--format", "jwks", "--alg", "RS256",
        ])
        #expect(mismatch.status == 64)
    }

    @Test("public with a garbage key file is bad input (65)")
    func garbageKey() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("junk.pem", "this is not a key\n")
        let result = try await CLIRunner.egov(["key", "public", "--in", dir.path("junk.pem")])
        #expect(result.status == 65)
        #expect(result.stdout.isEmpty)
        #expect(try result.errorJSON()["error"] == "crypto.pem.malformed")

        try dir.write("bad.pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")
        let bad = try await CLIRunner.egov(["key", "public", "--in", dir.path("bad.pem")])
        #expect(bad.status == 65)
    }

    @Test("public with --kid but PEM output, or an unknown format, is a usage error (64)")
    func publicUsage() async throws {
        let kid = try await CLIRunner.egov(["key", "public", "--in", "k.pem", "--kid", "x"])
        #expect(kid.status == 64)
        let format = try await CLIRunner.egov(["key", "public", "--in", "k.pem", "--format", "der"])
        #expect(format.status == 64)
    }
}
