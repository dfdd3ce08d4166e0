import Foundation
import Testing

@Suite("egov demo, help and x509 errors")
struct DemoCommandTests {
    /// The journey's step titles in English, in order.
    static let journey = [
        "Accounts", "Login", "Catalogue", "Once-only", "Signing", "Case", "Decision", "Issuance", "Notice",
        "Counter check", "Audit", "Performance",
    ]

    @Test("demo runs the one-stop licence journey and exits 0; nothing but the log on stdout or stderr")
    func demoText() async throws {
        let result = try await CLIRunner.egov(["demo"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("the one-stop food and beverage establishment licence"))
        for title in Self.journey { #expect(result.stdout.contains("ok   \(title)"), "no passing step \(title)") }
        #expect(result.stdout.contains("All 12 steps behaved as expected."))
        #expect(!result.stdout.contains("FAIL"))
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr)")
    }

    @Test("demo --locale zh-Hant and pt: the step log speaks the language", arguments: [
        ("zh-Hant", "一次性：兩項證明經互通協議從其他部門取得", "全部 12 個步驟均符合預期。"),
        ("pt", "Uma só vez: duas provas obtidas de outros serviços", "Os 12 passos correram como previsto."),
    ])
    func demoLocales(locale: String, step: String, summary: String) async throws {
        let result = try await CLIRunner.egov(["demo", "--locale", locale])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(step))
        #expect(result.stdout.contains(summary))
    }

    @Test("demo --store keeps the SQLite databases; a non-empty directory is refused (65); a bad locale is 64")
    func demoStore() async throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let store = directory.path("journey")
        let result = try await CLIRunner.egov(["demo", "--json", "--store", store])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(try result.json()["store"] as? String == store)
        let files = try FileManager.default.contentsOfDirectory(atPath: store)
        for name in ["iam.sqlite", "dsf.sqlite", "crp.sqlite"] { #expect(files.contains(name), "\(files)") }
        let again = try await CLIRunner.egov(["demo", "--store", store])
        #expect(again.status == 65)
        #expect(try again.errorJSON()["error"] == "cli.input.invalid")
        let locale = try await CLIRunner.egov(["demo", "--locale", "fr"])
        #expect(locale.status == 64)
    }

    @Test("demo --json --tour: the journey then the module tour, all ok")
    func demoJSON() async throws {
        let result = try await CLIRunner.egov(["demo", "--json", "--tour"])
        #expect(result.status == 0)
        let json = try result.json()
        #expect(json["ok"] as? Bool == true)
        #expect(json["locale"] as? String == "en")
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(steps.count >= 12 + 9)
        #expect(steps.allSatisfy { $0["ok"] as? Bool == true })
        let titles = steps.compactMap { $0["step"] as? String }
        for (index, title) in Self.journey.enumerated() {
            #expect(titles.count > index && titles[index].hasPrefix(title), "step \(index) is not \(title)")
        }
        for alg in ["ES256", "ES384", "EdDSA", "RS256", "PS256", "SM2"] {
            #expect(titles.contains { $0.hasPrefix(alg + ":") }, "no step for \(alg)")
        }
        #expect(titles.contains { $0.hasPrefix("Tampering") })
        #expect(titles.contains("SM2: the distinguishing ID is part of the signature"))
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
