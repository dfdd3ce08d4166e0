import ArgumentParser
import EGovKit
import Foundation

struct Notify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify", abstract: "Notification templates and evidence.",
        subcommands: [NotifyRender.self, NotifyEvidence.self])
}

extension NotificationChannel: ExpressibleByArgument {}

struct NotifyRender: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Render a template for a channel and locale with personalisation data.",
        discussion: """
            Prints the rendered message as JSON (subject, body, html for e-mail, SMS encoding and segments). \
            A template or personalisation that does not validate exits 65 with the error as JSON; values \
            never appear in errors.
            """)

    @Option(name: .long, help: "Template JSON file.") var template: String
    @Option(name: .long, help: "Locale (BCP 47), e.g. zh-Hant-MO, pt-MO, en.") var locale: String
    @Option(name: .long, help: "Personalisation JSON file (an object).") var data: String
    @Option(name: .long, help: "Channel: inbox, email, sms, push or letter.") var channel: NotificationChannel = .inbox

    func run() async throws {
        let tag: LanguageTag
        do { tag = try LanguageTag(locale) } catch { throw CLIError.usage(error.reason, code: error.code) }
        let templateBytes = try InputSource(template).readAll(limit: 1 << 20)
        let parsed: NotificationTemplate
        do {
            parsed = try NotificationTemplate(jsonBytes: templateBytes)
        } catch {
            throw CLIError.badInput(error.reason, code: error.code)
        }
        let personalisation = try JSONFiles.object(at: data)
        let rendered: RenderedMessage
        do {
            rendered = try TemplateRenderer().render(parsed, channel: channel, locale: tag, personalisation: personalisation)
        } catch {
            throw CLIError.badInput(error.reason, code: error.code)
        }
        try Output.printJSON(rendered)
    }
}

struct NotifyEvidence: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evidence", abstract: "Evidence of legally effective notices.", subcommands: [NotifyEvidenceVerify.self])
}

struct NotifyEvidenceVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a notice's evidence records offline (JSON lines or a JSON array).",
        discussion: """
            Checks every record's signature with the department's public key and the hash chain. Prints \
            {"valid": bool, "records": N, "firstInvalid": index-or-null}; exits 0 when valid, 1 otherwise.
            """)

    @Option(name: .long, help: "The department's public key (PEM).") var key: String
    @Argument(help: "The evidence file, or - for standard input.") var file: String

    struct Result: Encodable {
        let valid: Bool
        let records: Int
        let firstInvalid: Int?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(valid, forKey: .valid)
            try container.encode(records, forKey: .records)
            try container.encode(firstInvalid, forKey: .firstInvalid)
        }

        enum CodingKeys: String, CodingKey { case valid, records, firstInvalid }
    }

    func run() async throws {
        let publicKey = try KeyFiles.anyPublicKey(at: key)
        let verificationKey: SoftwareVerificationKey
        do {
            verificationKey = try publicKey.verificationKey(for: SignatureAlgorithm.defaultAlgorithm(for: publicKey.keyType))
        } catch { throw CLIError(error) }
        let text = try InputSource(file).readText(limit: 64 << 20)
        let records: [EvidenceRecord]
        do {
            records = try EvidenceChain.importJSON(text)
        } catch {
            throw CLIError.badInput(error.reason, code: error.code)
        }
        let result = EvidenceChain.verify(records, key: verificationKey)
        try Output.printJSON(Result(valid: result.valid, records: records.count, firstInvalid: result.firstInvalidIndex))
        if !result.valid { throw ExitCode(ExitStatus.invalid.rawValue) }
    }
}
