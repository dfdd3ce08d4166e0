import ArgumentParser
import EGovKit
import Foundation

struct Identity: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "id",
        abstract: "Identifier schemes: validate identity numbers, credit codes and MRZs.",
        subcommands: [IdentityValidate.self]
    )
}

struct IdentityValidate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate an identifier against a scheme.",
        discussion: """
            Prints {"valid": bool, "normalized": "...", "masked": "...", "reason": null-or-text}; exits 0 when \
            valid, 1 when not. Schemes: \(IdentifierSchemeRegistry.builtIn.schemeIDs.sorted().joined(separator: ", ")). \
            An MRZ is given as its two lines separated by a newline.
            """
    )

    @Option(name: .long, help: "Scheme ID (cn-rid, hk-hkid, mo-bir, cn-uscc, mrz-td3, cn-elicense).")
    var scheme: String

    @Option(name: .long, help: "Reference date for date checks, ISO 8601 (default: today).")
    var at: String?

    @Argument(help: "The identifier (or - to read it from standard input).")
    var value: String

    struct Result: Encodable {
        let valid: Bool
        let scheme: String
        let normalized: String
        let masked: String
        let reason: String?
        let code: String?
        let checkCharacterVerified: Bool

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(valid, forKey: .valid)
            try container.encode(scheme, forKey: .scheme)
            try container.encode(normalized, forKey: .normalized)
            try container.encode(masked, forKey: .masked)
            try container.encode(reason, forKey: .reason)
            try container.encode(code, forKey: .code)
            try container.encode(checkCharacterVerified, forKey: .checkCharacterVerified)
        }

        enum CodingKeys: String, CodingKey {
            case valid, scheme, normalized, masked, reason, code, checkCharacterVerified
        }
    }

    func run() async throws {
        var raw = value
        if value == "-" {
            raw = try InputSource(nil).readText(limit: 4096)
            while raw.hasSuffix("\n") || raw.hasSuffix("\r") { raw.removeLast() }
        }
        let date = try TimeArgument.parse(at)
        let validation: IdentifierValidation
        do {
            validation = try IdentifierSchemeRegistry.builtIn.validate(raw, scheme: scheme, at: date)
        } catch {
            throw CLIError.usage(error.reason, code: error.code)
        }
        try Output.printJSON(
            Result(
                valid: validation.isValid, scheme: validation.schemeID, normalized: validation.normalized,
                masked: validation.masked, reason: validation.failure?.reason, code: validation.failure?.code,
                checkCharacterVerified: validation.checkCharacterVerified))
        if !validation.isValid { throw ExitCode(ExitStatus.invalid.rawValue) }
    }
}
