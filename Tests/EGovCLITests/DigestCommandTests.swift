import Foundation
import Testing

@Suite("egov digest")
struct DigestCommandTests {
    static let abc: [(String, String)] = [
        ("sha256", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "sha384",
            "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7"
        ),
        (
            "sha512",
            "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd"
                + "454d4423643ce80e2a9ac94fa54ca49f"
        ),
        ("sm3", "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"),
    ]

    @Test("known digests of \"abc\" from a file", arguments: abc)
    func knownAnswerFromFile(alg: String, expected: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("abc.txt", "abc")
        let result = try await CLIRunner.egov(["digest", "--alg", alg, dir.path("abc.txt")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected + "\n")
        #expect(result.stderr.isEmpty)
    }

    @Test("reads standard input for - and for no argument")
    func standardInput() async throws {
        let expected = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0\n"
        let dash = try await CLIRunner.egov(["digest", "--alg", "sm3", "-"], stdin: Data("abc".utf8))
        #expect(dash.status == 0)
        #expect(dash.stdout == expected)
        let none = try await CLIRunner.egov(["digest", "--alg", "sm3"], stdin: Data("abc".utf8))
        #expect(none.status == 0)
        #expect(none.stdout == expected)
    }

    @Test("matches openssl dgst on a multi-chunk file", arguments: ["sm3", "sha256", "sha512"])
    func matchesOpenSSL(alg: String) async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        // 300 KB: several 64 KiB read chunks plus a partial one.
        let bytes = (0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        try dir.write("big.bin", Data(bytes))
        let ours = try await CLIRunner.egov(["digest", "--alg", alg, dir.path("big.bin")])
        let theirs = try await CLIRunner.openssl(["dgst", "-\(alg)", "-r", dir.path("big.bin")])
        #expect(ours.status == 0)
        #expect(theirs.status == 0, "openssl dgst failed: \(theirs.stderr)")
        let opensslHex = theirs.stdout.split(separator: " ").first.map(String.init)
        #expect(ours.stdout.trimmingCharacters(in: .newlines) == opensslHex)
    }

    @Test("an empty input has the empty-string digest")
    func emptyInput() async throws {
        let result = try await CLIRunner.egov(["digest", "--alg", "sha256"], stdin: Data())
        #expect(result.stdout == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n")
    }

    @Test("an unknown algorithm is a usage error (64)")
    func unknownAlgorithm() async throws {
        let result = try await CLIRunner.egov(["digest", "--alg", "md5", "-"], stdin: Data("abc".utf8))
        #expect(result.status == 64)
        #expect(result.stdout.isEmpty)
        #expect(try result.errorJSON()["error"] == "cli.usage")
    }

    @Test("a missing --alg is a usage error (64)")
    func missingAlgorithm() async throws {
        let result = try await CLIRunner.egov(["digest"], stdin: Data("abc".utf8))
        #expect(result.status == 64)
        #expect(try result.errorJSON()["error"] == "cli.usage")
    }

    @Test("a missing file or a directory is bad input (65)")
    func unreadableInput() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let missing = try await CLIRunner.egov(["digest", "--alg", "sha256", dir.path("nope")])
        #expect(missing.status == 65)
        #expect(try missing.errorJSON()["error"] == "cli.input.unreadable")
        let directory = try await CLIRunner.egov(["digest", "--alg", "sha256", dir.url.path])
        #expect(directory.status == 65)
    }
}
