import ArgumentParser
import EGovKit
import Foundation

struct RawVerify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a base64 signature over a file or standard input.",
        discussion: """
            Prints {"valid": true|false}; exits 0 when valid, 1 when not. A signature that is not \
            base64 is bad input (65). The default algorithm follows the key, as for `raw sign`.
            """
    )

    @Option(name: .long, help: "Public key PEM file (PUBLIC KEY).")
    var pub: String

    @Option(name: .long, help: "Signature, base64 (standard alphabet, padded exactly as needed).")
    var sig: String

    @OptionGroup var options: AlgorithmOptions

    @Argument(help: "Message file, or - for standard input (the default).")
    var file: String?

    struct Result: Encodable {
        let valid: Bool
    }

    func run() async throws {
        let publicKey = try KeyFiles.publicKey(at: pub)
        let (algorithm, sm2ID) = try options.resolve(for: publicKey.keyType)
        let trimmed = sig.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, let signature = try? Base64.decode(trimmed) else {
            throw CLIError.badInput(
                "the signature is not valid base64 (standard alphabet, padding exactly as needed)",
                code: "cli.signature.not_base64")
        }
        let message = try InputSource(file).readAll()
        let valid: Bool
        do {
            valid = try publicKey.isValidSignature(signature, for: message, algorithm: algorithm, sm2ID: sm2ID)
        } catch {
            throw CLIError(error)
        }
        try Output.printJSON(Result(valid: valid))
        if !valid { throw ExitCode(ExitStatus.invalid.rawValue) }
    }
}
