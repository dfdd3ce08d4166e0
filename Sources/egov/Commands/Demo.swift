import ArgumentParser
import EGovCore
import EGovKit
import EGovTesting
import Foundation

struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The one-stop food and beverage licence, end to end, on the embedded SQLite stores.",
        discussion: """
            Company and representative accounts, login, catalogue lookup, proofs fetched from other \
            departments through contracts, signatures and seals, the case and its deadline, the sealed \
            decision, the licence as an SD-JWT VC, a legally effective notice with evidence, a counter \
            check, audit logs and performance figures. --tour adds the module tour (every algorithm, \
            chains, identifier schemes, ...). Exits 0 when every step behaves as expected, 1 otherwise.
            """
    )

    @Flag(name: .long, help: "Print the steps as JSON instead of text.")
    var json = false

    @Option(name: .long, help: "Language of the step log: zh-Hant, pt or en.")
    var locale = "en"

    @Option(
        name: .long,
        help: "A new or empty directory for the SQLite databases, kept afterwards (default: a temporary directory, removed).")
    var store: String?

    @Flag(name: .long, help: "Also run the module tour after the journey.")
    var tour = false

    struct Report: Encodable {
        let ok: Bool
        let locale: String
        let store: String?
        let steps: [DemoStep.Outcome]
    }

    func validate() throws {
        guard JourneyLocale(rawValue: locale) != nil else {
            throw ValidationError("--locale must be one of zh-Hant, pt, en")
        }
    }

    func run() async throws {
        let journeyLocale = JourneyLocale(rawValue: locale) ?? .en
        let directory: URL
        let temporary = store == nil
        if let store {
            directory = URL(fileURLWithPath: store, isDirectory: true)
            let existing = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            guard existing.isEmpty else {
                throw CLIError.badInput("--store \(store) is not empty; give a new or empty directory")
            }
        } else {
            directory = FileManager.default.temporaryDirectory.appendingPathComponent("egov-demo-\(UUID().uuidString)")
        }
        defer { if temporary { try? FileManager.default.removeItem(at: directory) } }
        if !json {
            print(journeyLocale.pick("EGovKit 示範：一站式飲食場所牌照", "EGovKit: licença de estabelecimento de comidas e bebidas, balcão único", "EGovKit demo: the one-stop food and beverage establishment licence"))
        }
        var outcomes = await LicenceJourney(locale: journeyLocale, databasePath: directory.path).run()
        if !json { outcomes.forEach(Self.show) }
        if tour {
            for step in DemoStep.all {
                let outcome = await step.perform()
                outcomes.append(outcome)
                if !json { Self.show(outcome) }
            }
        }
        let ok = outcomes.allSatisfy(\.ok)
        if json {
            try Output.printJSON(
                Report(ok: ok, locale: journeyLocale.rawValue, store: temporary ? nil : directory.path, steps: outcomes))
        } else {
            print(
                ok
                    ? journeyLocale.pick("全部 \(outcomes.count) 個步驟均符合預期。", "Os \(outcomes.count) passos correram como previsto.", "All \(outcomes.count) steps behaved as expected.")
                    : journeyLocale.pick("有步驟失敗。", "Alguns passos falharam.", "Some steps failed."))
        }
        if !ok { throw ExitCode(ExitStatus.invalid.rawValue) }
    }

    static func show(_ outcome: DemoStep.Outcome) {
        print("\(outcome.ok ? "ok  " : "FAIL") \(outcome.step)")
        print("     \(outcome.detail)")
    }
}

/// One step of `egov demo`: a title and an action that returns a one-line explanation.
///
/// Later features add steps by appending to ``all``.
struct DemoStep: Sendable {
    let title: String
    let action: @Sendable () async throws -> String

    struct Outcome: Encodable, Sendable {
        let step: String
        let ok: Bool
        let detail: String
    }

    /// Thrown by an action whose check did not come out as expected.
    struct Unexpected: Error {
        let detail: String
    }

    func perform() async -> Outcome {
        do {
            return Outcome(step: title, ok: true, detail: try await action())
        } catch let error as Unexpected {
            return Outcome(step: title, ok: false, detail: error.detail)
        } catch {
            return Outcome(step: title, ok: false, detail: CLIError.from(error).description)
        }
    }

    static let message = Array("EGovKit demo: an application form".utf8)

    /// Every step, in order.
    static var all: [DemoStep] {
        SignatureAlgorithm.allCases.map(signAndVerify) + [sm2DefaultID, digests, tampering]
            + [certificateChains] + IdentityDemo.steps + SignatureDemo.steps + CertificatesDemo.steps
            + NotificationsDemo.steps + CatalogDemo.steps
    }

    /// Generates a key for `algorithm`, signs, and verifies.
    static func signAndVerify(_ algorithm: SignatureAlgorithm) -> DemoStep {
        DemoStep(title: "\(algorithm.rawValue): generate a key, sign, verify") {
            let key = try PrivateKey.generate(for: algorithm)
            let signature = try key.signature(for: message, algorithm: algorithm)
            guard try key.publicKey.isValidSignature(signature, for: message, algorithm: algorithm) else {
                throw Unexpected(detail: "a fresh \(algorithm.rawValue) signature did not verify")
            }
            return "\(key.keyType) key, \(signature.count)-byte signature, verified"
        }
    }

    /// SM2 binds the signer's ID (default 1234567812345678) into the signature.
    static let sm2DefaultID = DemoStep(title: "SM2: the distinguishing ID is part of the signature") {
        let key = try PrivateKey.generate(.sm2)
        let signature = try key.signature(for: message, algorithm: .sm2)
        guard try key.publicKey.isValidSignature(signature, for: message, algorithm: .sm2, sm2ID: .default) else {
            throw Unexpected(detail: "the SM2 signature did not verify with the default ID")
        }
        let other = try SM2DistinguishingID("another-signer")
        guard try !key.publicKey.isValidSignature(signature, for: message, algorithm: .sm2, sm2ID: other) else {
            throw Unexpected(detail: "the SM2 signature verified under a different ID")
        }
        return "verifies with the default ID \(String(decoding: SM2DistinguishingID.default.bytes, as: UTF8.self)), "
            + "fails with another ID"
    }

    /// Known digests of "abc" (FIPS 180-4 and GB/T 32905 examples).
    static let digests = DemoStep(title: "Digests: SHA-256 and SM3 of \"abc\"") {
        let input = Array("abc".utf8)
        let expected: [(HashAlgorithm, String)] = [
            (.sha256, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
            (.sm3, "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"),
        ]
        var lines: [String] = []
        for (algorithm, hex) in expected {
            let digest = Hex.encode(try algorithm.digest(of: input))
            guard digest == hex else {
                throw Unexpected(detail: "\(algorithm.identifier) gave \(digest), expected \(hex)")
            }
            lines.append("\(algorithm.identifier) \(digest)")
        }
        return lines.joined(separator: "; ")
    }

    /// Changing one byte of the message must make verification fail.
    static let tampering = DemoStep(title: "Tampering: a changed message no longer verifies") {
        let key = try PrivateKey.generate(for: .es256)
        let signature = try key.signature(for: message, algorithm: .es256)
        var tampered = message
        tampered[0] ^= 0x01
        guard try !key.publicKey.isValidSignature(signature, for: tampered, algorithm: .es256) else {
            throw Unexpected(detail: "a signature verified over a tampered message")
        }
        return "flipping one bit of the message makes the ES256 signature invalid, as it should"
    }

    /// A test PKI (root -> intermediate -> leaf) in P-256 and SM2: valid, then revoked.
    static let certificateChains = DemoStep(title: "X.509: P-256 and SM2 chains validate; a revoked leaf does not") {
        var lines: [String] = []
        for algorithm in [TestPKI.Algorithm.p256, .sm2] {
            var pki = try TestPKI(algorithm: algorithm)
            let validator = CertificateChainValidator()
            let valid = validator.validate(
                pki.leaf.certificate, intermediates: [pki.intermediate.certificate],
                trustAnchors: [pki.root.certificate], at: TestPKI.referenceDate, purpose: .signing)
            guard valid.isValid else { throw Unexpected(detail: "\(algorithm) chain: \(valid.failure?.code ?? "?")") }
            pki.revoke(pki.leaf.certificate.serialNumber)
            let revoked = validator.validate(
                pki.leaf.certificate, intermediates: [pki.intermediate.certificate],
                trustAnchors: [pki.root.certificate], crls: [try pki.crl()], at: TestPKI.referenceDate,
                purpose: .signing)
            guard revoked.failure == .revoked else {
                throw Unexpected(detail: "revocation of \(algorithm) leaf not seen")
            }
            lines.append("\(algorithm.rawValue): chain of \(valid.chain.count) valid, revoked leaf refused")
        }
        return lines.joined(separator: "; ")
    }
}
