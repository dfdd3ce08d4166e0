import Foundation
import Testing

@Suite("egov demo, help and x509 errors")
struct DemoCommandTests {
    @Test("demo walks through every step and exits 0")
    func demoText() async throws {
        let result = try await CLIRunner.egov(["demo"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("SM2: the distinguishing ID is part of the signature"))
        #expect(result.stdout.contains("steps behaved as expected"))
        #expect(!result.stdout.contains("FAIL"))
    }

    @Test("demo --json lists the steps, all ok")
    func demoJSON() async throws {
        let result = try await CLIRunner.egov(["demo", "--json"])
        #expect(result.status == 0)
        let json = try result.json()
        #expect(json["ok"] as? Bool == true)
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.count >= 9)
        #expect(steps.allSatisfy { $0["ok"] as? Bool == true })
        let titles = steps.compactMap { $0["step"] as? String }
        for alg in ["ES256", "ES384", "EdDSA", "RS256", "PS256", "SM2"] {
            #expect(titles.contains { $0.hasPrefix(alg + ":") }, "no step for \(alg)")
        }
        #expect(titles.contains { $0.hasPrefix("Tampering") })
    }

    @Test("--help prints usage on stdout and exits 0")
    func help() async throws {
        let result = try await CLIRunner.egov(["--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE: egov"))
        let sub = try await CLIRunner.egov(["raw", "sign", "--help"])
        #expect(sub.status == 0)
        #expect(sub.stdout.contains("--sm2-id"))
    }

    @Test("an unknown subcommand or option is a usage error (64) with a JSON error")
    func unknownCommand() async throws {
        let result = try await CLIRunner.egov(["frobnicate"])
        #expect(result.status == 64)
        #expect(try result.errorJSON()["error"] == "cli.usage")
        let option = try await CLIRunner.egov(["demo", "--yaml"])
        #expect(option.status == 64)
    }

    @Test("x509 subcommands: unknown options are usage errors (64), unreadable files bad input (65)")
    func x509Errors() async throws {
        let verify = try await CLIRunner.egov(["x509", "verify", "--roots", "roots.pem", "leaf.pem"])
        #expect(verify.status == 64)
        let missing = try await CLIRunner.egov(["x509", "verify", "--trust", "/nonexistent/roots.pem", "leaf.pem"])
        #expect(missing.status == 65)
        let show = try await CLIRunner.egov(["x509", "show", "/nonexistent/leaf.pem"])
        #expect(show.status == 65)
    }
}
