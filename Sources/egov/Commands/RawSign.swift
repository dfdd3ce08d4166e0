import ArgumentParser
import EGovKit
import Foundation

struct RawSign: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sign",
        abstract: "Sign a file or standard input; prints the signature as base64.",
        discussion: """
            ECDSA and SM2 signatures are DER; Ed25519 is 64 bytes; RS256/PS256 the RSA block. \
            The default algorithm follows the key: P-256 ES256, P-384 ES384, Ed25519 EdDSA, \
            RSA RS256, SM2 SM2 (with the ID 1234567812345678 unless --sm2-id is given).
            """
    )

    @Option(name: .long, help: "Private key PEM file.")
    var key: String

    @OptionGroup var options: AlgorithmOptions

    @Argument(help: "Message file, or - for standard input (the default).")
    var file: String?

    func run() async throws {
        let privateKey = try KeyFiles.privateKey(at: key)
        let (algorithm, sm2ID) = try options.resolve(for: privateKey.keyType)
        let message = try InputSource(file).readAll()
        let signature: [UInt8]
        do {
            signature = try privateKey.signature(for: message, algorithm: algorithm, sm2ID: sm2ID)
        } catch {
            throw CLIError(error)
        }
        print(Data(signature).base64EncodedString())
    }
}
