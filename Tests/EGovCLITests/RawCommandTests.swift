import Foundation
import Testing

@Suite("egov raw sign / verify")
struct RawCommandTests {
    static let algorithms = ["ES256", "ES384", "EdDSA", "RS256", "PS256", "SM2"]

    /// Generates a key for `alg` in `dir` as key.pem and pub.pem.
    static func makeKey(_ alg: String, in dir: TemporaryDirectory) async throws {
        let generated = try await CLIRunner.egov(["key", "generate", "--alg", alg, "--out", dir.path("key.pem")])
        #expect(generated.status == 0, "\(generated.stderr)")
        try dir.write("pub.pem", try #require(try generated.json()["publicKey"] as? String))
    }

    static func verify(_ dir: TemporaryDirectory, signature: String, extra: [String] = [], file: String = "msg")
        async throws -> CLIRunner.Result
    {
        try await CLIRunner.egov(
            ["raw", "verify", "--pub", dir.path("pub.pem"), "--sig", signature] + extra + [dir.path(file)])
    }

    @Test("sign then verify, with --alg given and defaulted", arguments: algorithms)
    func roundTrip(alg: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.makeKey(alg, in: dir)
        try dir.write("msg", "Antrag auf Erteilung eines Reisepasses")

        let signed = try await CLIRunner.egov([
            "raw", "sign", "--key", dir.path("key.pem"), "--alg", alg, dir.path("msg"),
        ])
        #expect(signed.status == 0, "\(signed.stderr)")
        let signature = signed.stdout.trimmingCharacters(in: .newlines)
        #expect(Data(base64Encoded: signature) != nil)

        let valid = try await Self.verify(dir, signature: signature, extra: ["--alg", alg])
        #expect(valid.status == 0, "\(valid.stderr)")
        #expect(try valid.json()["valid"] as? Bool == true)

        // The default algorithm follows the key type (RSA keys default to RS256).
        let defaulted = try await Self.verify(dir, signature: signature)
        #expect(defaulted.status == (alg == "PS256" ? 1 : 0))
    }

    @Test("sign and verify read standard input")
    func standardInput() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.makeKey("EdDSA", in: dir)
        let message = Data("from stdin".utf8)
        let signed = try await CLIRunner.egov(["raw", "sign", "--key", dir.path("key.pem"), "-"], stdin: message)
        #expect(signed.status == 0, "\(signed.stderr)")
        let signature = signed.stdout.trimmingCharacters(in: .newlines)
        let verified = try await CLIRunner.egov(
            ["raw", "verify", "--pub", dir.path("pub.pem"), "--sig", signature], stdin: message)
        #expect(verified.status == 0)
        #expect(verified.stdout == #"{"valid":true}"# + "\n")
    }

    @Test("a wrong signature or a tampered message is invalid (1)")
    func invalidSignature() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.makeKey("ES256", in: dir)
        try dir.write("msg", "original")
        try dir.write("tampered", "Original")
        let signed = try await CLIRunner.egov(["raw", "sign", "--key", dir.path("key.pem"), dir.path("msg")])
        let signature = signed.stdout.trimmingCharacters(in: .newlines)

        let tampered = try await Self.verify(dir, signature: signature, file: "tampered")
        #expect(tampered.status == 1)
        #expect(tampered.stdout == #"{"valid":false}"# + "\n")
        #expect(tampered.stderr.isEmpty)

        // Well-formed base64 that is not a signature over this message.
        let wrong = try await Self.verify(dir, signature: Data(repeating: 0x30, count: 70).base64EncodedString())
        #expect(wrong.status == 1)
        #expect(try wrong.json()["valid"] as? Bool == false)
    }

    @Test("SM2 binds the distinguishing ID: same --sm2-id verifies, the default does not")
    func sm2ID() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.makeKey("SM2", in: dir)
        try dir.write("msg", "message")
        let signed = try await CLIRunner.egov([
            "raw", "sign", "--key", dir.path("key.pem"), "--sm2-id", "alice@example.gov", dir.path("msg"),
        ])
        #expect(signed.status == 0, "\(signed.stderr)")
        let signature = signed.stdout.trimmingCharacters(in: .newlines)
        let same = try await Self.verify(dir, signature: signature, extra: ["--sm2-id", "alice@example.gov"])
        #expect(same.status == 0)
        let defaultID = try await Self.verify(dir, signature: signature)
        #expect(defaultID.status == 1)
    }

    @Test("SM2 interop with openssl pkeyutl, both directions, default ID")
    func sm2OpenSSLInterop() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.makeKey("SM2", in: dir)
        try dir.write("msg", "interop")
        let distid = "distid:1234567812345678"

        let ours = try await CLIRunner.egov(["raw", "sign", "--key", dir.path("key.pem"), dir.path("msg")])
        try dir.write("ours.der", try #require(Data(base64Encoded: ours.stdout.trimmingCharacters(in: .newlines))))
        let checked = try await CLIRunner.openssl([
            "pkeyutl", "-verify", "-pubin", "-inkey", dir.path("pub.pem"), "-rawin", "-in", dir.path("msg"),
            "-digest", "sm3", "-pkeyopt", distid, "-sigfile", dir.path("ours.der"),
        ])
        #expect(checked.status == 0, "openssl rejected egov's SM2 signature: \(checked.stdout) \(checked.stderr)")

        let theirs = try await CLIRunner.openssl([
            "pkeyutl", "-sign", "-inkey", dir.path("key.pem"), "-rawin", "-in", dir.path("msg"), "-digest", "sm3",
            "-pkeyopt", distid, "-out", dir.path("theirs.der"),
        ])
        #expect(theirs.status == 0, "\(theirs.stderr)")
        let signature = try Data(contentsOf: dir.url.appendingPathComponent("theirs.der")).base64EncodedString()
        let verified = try await Self.verify(dir, signature: signature)
        #expect(verified.status == 0, "egov rejected openssl's SM2 signature")
    }

    @Test("ES256 interop with openssl dgst, both directions")
    func ecdsaOpenSSLInterop() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.makeKey("ES256", in: dir)
        try dir.write("msg", "interop")
        let ours = try await CLIRunner.egov(["raw", "sign", "--key", dir.path("key.pem"), dir.path("msg")])
        try dir.write("ours.der", try #require(Data(base64Encoded: ours.stdout.trimmingCharacters(in: .newlines))))
        let checked = try await CLIRunner.openssl([
            "dgst", "-sha256", "-verify", dir.path("pub.pem"), "-signature", dir.path("ours.der"), dir.path("msg"),
        ])
        #expect(checked.status == 0, "\(checked.stdout) \(checked.stderr)")

        let theirs = try await CLIRunner.openssl([
            "dgst", "-sha256", "-sign", dir.path("key.pem"), "-out", dir.path("theirs.der"), dir.path("msg"),
        ])
        #expect(theirs.status == 0)
        let signature = try Data(contentsOf: dir.url.appendingPathComponent("theirs.der")).base64EncodedString()
        #expect(try await Self.verify(dir, signature: signature).status == 0)
    }

    @Test("usage errors (64): unknown algorithm, algorithm not fitting the key, --sm2-id without SM2")
    func usageErrors() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.makeKey("ES256", in: dir)
        try dir.write("msg", "m")
        let unknown = try await CLIRunner.egov([
            "raw", "sign", "--key", dir.path("key.pem"), "--alg", "ES512", dir.path("msg"),
        ])
        #expect(unknown.status == 64)
        #expect(try unknown.errorJSON()["error"] == "cli.usage")
        let mismatch = try await CLIRunner.egov([
            "raw", "sign", "--key", dir.path("key.pem"), "--alg", "RS256", dir.path("msg"),
        ])
        #expect(mismatch.status == 64)
        #expect(try mismatch.errorJSON()["error"] == "crypto.algorithm.mismatch")
        let sm2ID = try await CLIRunner.egov([
            "raw", "sign", "--key", dir.path("key.pem"), "--sm2-id", "x", dir.path("msg"),
        ])
        #expect(sm2ID.status == 64)
        let noSig = try await CLIRunner.egov(["raw", "verify", "--pub", dir.path("pub.pem"), dir.path("msg")])
        #expect(noSig.status == 64)
    }

    @Test("bad input (65): garbage key, private key given as --pub, non-base64 signature")
    func badInput() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.makeKey("ES256", in: dir)
        try dir.write("msg", "m")
        try dir.write("junk.pem", Data((0..<200).map { UInt8($0) }))
        let garbage = try await CLIRunner.egov(["raw", "sign", "--key", dir.path("junk.pem"), dir.path("msg")])
        #expect(garbage.status == 65)
        #expect(garbage.stdout.isEmpty)
        #expect(!(try garbage.errorJSON()["reason"] ?? "").isEmpty)

        let privateAsPublic = try await CLIRunner.egov([
            "raw", "verify", "--pub", dir.path("key.pem"), "--sig", "AAAA", dir.path("msg"),
        ])
        #expect(privateAsPublic.status == 65)
        #expect(try privateAsPublic.errorJSON()["error"] == "crypto.pem.unexpected_label")

        let notBase64 = try await Self.verify(dir, signature: "not base64!")
        #expect(notBase64.status == 65)
        #expect(try notBase64.errorJSON()["error"] == "cli.signature.not_base64")
    }

    @Test("verify: --sig must be strict base64; extra or missing padding is bad input (65)")
    func strictBase64Signature() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try await Self.makeKey("EdDSA", in: dir)
        try dir.write("msg", "m")
        let signed = try await CLIRunner.egov(["raw", "sign", "--key", dir.path("key.pem"), dir.path("msg")])
        #expect(signed.status == 0, "\(signed.stderr)")
        // An Ed25519 signature is 64 bytes: 86 characters and "==".
        let signature = signed.stdout.trimmingCharacters(in: .newlines)
        #expect(signature.hasSuffix("=="))
        #expect(try await Self.verify(dir, signature: signature).status == 0)
        let unpadded = String(signature.dropLast(2))
        for bad in [signature + "=", signature + "==", unpadded + "=", unpadded, unpadded + "A=="] {
            let result = try await Self.verify(dir, signature: bad)
            #expect(result.status == 65, "\(bad)")
            #expect(try result.errorJSON()["error"] == "cli.signature.not_base64", "\(bad)")
        }
    }
}
