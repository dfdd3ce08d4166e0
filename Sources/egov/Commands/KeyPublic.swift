import ArgumentParser
import EGovKit

struct KeyPublic: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public",
        abstract: "Print the public key of a private key (or re-encode a public key).",
        discussion: "--format pem prints the PUBLIC KEY PEM; --format jwk prints the JWK as JSON."
    )

    enum Format: String, CaseIterable, ExpressibleByArgument, Sendable {
        case pem, jwk
    }

    @Option(name: .customLong("in"), help: "Private key (PKCS#8, SEC 1 or PKCS#1 PEM) or PUBLIC KEY PEM.")
    var input: String

    @Option(name: .long, help: "Output format.")
    var format: Format = .pem

    @Option(name: .long, help: "Key ID (kid) for --format jwk.")
    var kid: String?

    func validate() throws {
        if kid != nil, format != .jwk { throw ValidationError("--kid applies only to --format jwk") }
    }

    func run() async throws {
        let publicKey = try KeyFiles.anyPublicKey(at: input)
        switch format {
        case .pem: Output.printText(publicKey.pemRepresentation)
        case .jwk: Output.printText(try Self.jwkOutput(for: publicKey, keyID: kid))
        }
    }
}
