import EGovCertificates
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@Suite("egov status-list issue and update")
struct StatusListCommandTests {
    static let at = "2026-01-01T00:00:00Z"
    static let uri = "https://iam.gov.mo/status/7"

    static func entries(_ dir: TemporaryDirectory, _ file: String) async throws -> [String: Int] {
        let decoded = try await CLIRunner.egov(["status-list", "decode", dir.path(file)])
        #expect(decoded.status == 0, "\(decoded.stderr)")
        return try #require(try decoded.json()["entries"] as? [String: Int])
    }

    @Test("issue with kid, decode, verify with the library; update re-signs with the changes")
    func issueDecodeUpdate() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try await CLIRunner.egov(["key", "generate", "--alg", "ES256", "--out", dir.path("k.pem")]).status == 0)
        let issued = try await CLIRunner.egov([
            "status-list", "issue", "--key", dir.path("k.pem"), "--kid", "sl-1", "--uri", Self.uri, "--bits", "2",
            "--size", "32", "--set", "1=1,5=2,31=3", "--ttl", "300", "--exp", "2026-01-02T00:00:00Z", "--at", Self.at,
        ])
        #expect(issued.status == 0, "\(issued.stderr)")
        try dir.write("t1.jwt", issued.stdout)
        #expect(try await Self.entries(dir, "t1.jwt") == ["1": 1, "5": 2, "31": 3])
        let key = try PrivateKey(pemRepresentation: try String(contentsOf: dir.url.appendingPathComponent("k.pem"), encoding: .utf8))
        let keys = JWSKeySet([.init(keyID: "sl-1", key: try key.publicKey.verificationKey(for: .es256))])
        let time = try #require(ISO8601DateFormatter().date(from: Self.at))
        let token = try StatusListToken.verify(
            issued.stdout.trimmingCharacters(in: .whitespacesAndNewlines), keys: keys, expectedURI: Self.uri, at: time)
        #expect(token.list.bits == 2)
        #expect(token.list.count == 32)
        #expect(token.timeToLive == 300)
        #expect(token.expiresAt == time.addingTimeInterval(86_400))
        let updated = try await CLIRunner.egov([
            "status-list", "update", "--key", dir.path("k.pem"), "--set", "1=0,6=1", "--at", "2026-01-01T01:00:00Z",
            dir.path("t1.jwt"),
        ])
        #expect(updated.status == 0, "\(updated.stderr)")
        try dir.write("t2.jwt", updated.stdout)
        #expect(try await Self.entries(dir, "t2.jwt") == ["5": 2, "6": 1, "31": 3])
        let later = try StatusListToken.verify(
            updated.stdout.trimmingCharacters(in: .whitespacesAndNewlines), keys: keys, expectedURI: Self.uri,
            at: time.addingTimeInterval(3600))
        #expect(later.issuedAt == time.addingTimeInterval(3600))
        #expect(later.timeToLive == 300)
    }

    @Test("bad values are refused: index or value out of range, bits, an update under another key")
    func refusals() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for name in ["k", "other"] {
            #expect(
                try await CLIRunner.egov(["key", "generate", "--alg", "ES256", "--out", dir.path("\(name).pem")]).status
                    == 0)
        }
        let base = ["status-list", "issue", "--key", dir.path("k.pem"), "--kid", "sl-1", "--uri", Self.uri, "--at", Self.at]
        #expect(try await CLIRunner.egov(base + ["--bits", "3", "--size", "8"]).status == 64)
        #expect(try await CLIRunner.egov(base + ["--bits", "1", "--size", "8", "--set", "8=1"]).status == 65)
        #expect(try await CLIRunner.egov(base + ["--bits", "1", "--size", "8", "--set", "2=2"]).status == 65)
        #expect(try await CLIRunner.egov(base + ["--bits", "1", "--size", "8", "--set", "x"]).status == 64)
        let issued = try await CLIRunner.egov(base + ["--bits", "1", "--size", "8"])
        #expect(issued.status == 0, "\(issued.stderr)")
        try dir.write("t.jwt", issued.stdout)
        let foreign = try await CLIRunner.egov([
            "status-list", "update", "--key", dir.path("other.pem"), "--set", "1=1", "--at", Self.at, dir.path("t.jwt"),
        ])
        #expect(foreign.status == 65)
        #expect(foreign.stdout.isEmpty)
    }

    @Test("issue with --cert/--chain puts x5c in the header, which credential verify --trust accepts")
    func x5cToken() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let pki = try EGovTesting.TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let files = try pki.writePEMFiles(to: dir.url)
        try dir.write("claims.json", #"{"reference":"R-1"}"#)
        let issued = try await CLIRunner.egov([
            "credential", "issue", "--key", files.leafKey.path, "--cert", files.leaf.path, "--chain",
            files.intermediate.path, "--issuer", "https://dsi.gov.mo", "--vct", "https://credentials.gov.mo/residence-proof",
            "--claims", dir.path("claims.json"), "--status-uri", Self.uri, "--status-idx", "2", "--at", Self.at,
        ])
        #expect(issued.status == 0, "\(issued.stderr)")
        try dir.write("vc.txt", issued.stdout)
        let token = try await CLIRunner.egov([
            "status-list", "issue", "--key", files.leafKey.path, "--cert", files.leaf.path, "--chain",
            files.intermediate.path, "--uri", Self.uri, "--bits", "1", "--size", "8", "--set", "2=1", "--at", Self.at,
        ])
        #expect(token.status == 0, "\(token.stderr)")
        try dir.write("t.jwt", token.stdout)
        let verified = try await CLIRunner.egov([
            "credential", "verify", "--trust", files.root.path, "--issuer-org-id", "NTREE-00000000",
            "--status-list-token", dir.path("t.jwt"), "--at", Self.at, dir.path("vc.txt"),
        ])
        #expect(verified.status == 1, "\(verified.stdout)")
        #expect(try verified.json()["status"] as? String == "invalid")
    }

    @Test("a peer (Python joserfc) verifies the token; skipped when joserfc is not installed")
    func joserfcPeer() async throws {
        guard let python = JoserfcPeer.python() else { return }
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        #expect(try await CLIRunner.egov(["key", "generate", "--alg", "ES256", "--out", dir.path("k.pem")]).status == 0)
        let jwk = try await CLIRunner.egov(["key", "public", "--in", dir.path("k.pem"), "--format", "jwk"])
        #expect(jwk.status == 0, "\(jwk.stderr)")
        try dir.write("k.jwk", jwk.stdout)
        let issued = try await CLIRunner.egov([
            "status-list", "issue", "--key", dir.path("k.pem"), "--kid", "sl-1", "--uri", Self.uri, "--bits", "2",
            "--size", "16", "--set", "3=1", "--at", Self.at,
        ])
        #expect(issued.status == 0, "\(issued.stderr)")
        try dir.write("t.jwt", issued.stdout)
        let script = """
            import json, sys, zlib, base64
            from joserfc import jws
            from joserfc.jwk import ECKey
            key = ECKey.import_key(json.load(open(sys.argv[1])))
            token = jws.deserialize_compact(open(sys.argv[2]).read().strip(), key, algorithms=["ES256"])
            assert token.protected["typ"] == "statuslist+jwt" and token.protected["kid"] == "sl-1"
            claims = json.loads(token.payload)
            lst = claims["status_list"]["lst"]
            raw = zlib.decompress(base64.urlsafe_b64decode(lst + "=" * (-len(lst) % 4)))
            print(json.dumps({"sub": claims["sub"], "bits": claims["status_list"]["bits"], "byte0": raw[0]}))
            """
        try dir.write("peer.py", script)
        let output = try JoserfcPeer.run(python, [dir.path("peer.py"), dir.path("k.jwk"), dir.path("t.jwt")])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "peer output: \(output)")
        #expect(object["sub"] as? String == Self.uri)
        #expect(object["bits"] as? Int == 2)
        // Index 3 with 2 bits is bits 6-7 of byte 0: 0b01 << 6.
        #expect(object["byte0"] as? Int == 64)
    }
}

/// A Python with `joserfc`, from `EGOV_JOSERFC_PYTHON` or `python3` on the path.
enum JoserfcPeer {
    static func python() -> String? {
        let candidates = [ProcessInfo.processInfo.environment["EGOV_JOSERFC_PYTHON"], "/usr/bin/python3"]
        for case let candidate? in candidates where FileManager.default.isExecutableFile(atPath: candidate) {
            if (try? run(candidate, ["-c", "import joserfc"])) != nil { return candidate }
        }
        return nil
    }

    struct Failed: Error {}

    static func run(_ executable: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw Failed() }
        return String(decoding: data, as: UTF8.self)
    }
}
