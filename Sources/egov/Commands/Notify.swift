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
            {"valid": bool, "records": N, "firstInvalid": index-or-null}; exits 0 when valid, 1 otherwise (an \
            empty chain is not valid), 65 when the file is not evidence records (a malformed record, a repeated \
            JSON member, a record over 64 KiB). Records removed from the end are only detected with \
            --expected-count or --expected-head (kept elsewhere). JSON lines are read and verified line by line.
            """)

    @Option(name: .long, help: "The department's public key (PEM).") var key: String
    @Option(name: .customLong("expected-count"), help: "The number of records the chain must have.")
    var expectedCount: Int?
    @Option(name: .customLong("expected-head"), help: "The hash (hex) the last record must have.")
    var expectedHead: String?
    @Argument(help: "The evidence file, or - for standard input.") var file: String

    static let fileLimit = 64 << 20

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

    func validate() throws {
        if let expectedCount, expectedCount < 0 { throw ValidationError("--expected-count must not be negative") }
        if let expectedHead {
            guard expectedHead.utf8.count == 64, expectedHead == expectedHead.lowercased(),
                Hex.decode(expectedHead) != nil
            else { throw ValidationError("--expected-head must be a lowercase hex SHA-256 hash") }
        }
    }

    func run() async throws {
        let publicKey = try KeyFiles.anyPublicKey(at: key)
        let verificationKey: SoftwareVerificationKey
        do {
            verificationKey = try publicKey.verificationKey(for: SignatureAlgorithm.defaultAlgorithm(for: publicKey.keyType))
        } catch { throw CLIError(error) }
        // JSON lines are verified as they are read; a JSON array (starting with `[`) is read whole.
        var reader = EvidenceChainReader(key: verificationKey)
        var array: [UInt8]?
        var decided = false
        var total = 0
        try InputSource(file).forEachChunk { (chunk: [UInt8]) throws(CLIError) in
            total += chunk.count
            guard total <= Self.fileLimit else {
                throw .badInput(
                    "\(InputSource(file)) exceeds the limit of \(Self.fileLimit) bytes", code: "cli.input.too_large")
            }
            if !decided, let first = chunk.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
                decided = true
                if first == UInt8(ascii: "[") { array = [] }
            }
            if array != nil {
                array? += chunk
                return
            }
            do throws(NotificationError) {
                try reader.consume(chunk)
            } catch {
                throw .badInput(error.reason, code: error.code)
            }
        }
        let verification: EvidenceVerification
        let records: Int
        do throws(NotificationError) {
            if let array {
                let parsed = try EvidenceChain.importJSONArray(array)
                verification = EvidenceChain.verify(
                    parsed, key: verificationKey, expectedCount: expectedCount, expectedHead: expectedHead)
                records = parsed.count
            } else {
                verification = try reader.finish(expectedCount: expectedCount, expectedHead: expectedHead)
                records = reader.verifier.count
            }
        } catch {
            throw CLIError.badInput(error.reason, code: error.code)
        }
        try Output.printJSON(
            Result(valid: verification.valid, records: records, firstInvalid: verification.firstInvalidIndex))
        if !verification.valid { throw ExitCode(ExitStatus.invalid.rawValue) }
    }
}
