import ArgumentParser
import EGovKit

struct KeyPublic: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "public",
        abstract: "Print the public key of a private key (or re-encode a public key).",
        discussion: """
            --format pem prints the PUBLIC KEY PEM; --format jwk prints the JWK as JSON; --format jwks \
            prints a JWKS whose key is bound to --alg (default: from the key type), for `egov token verify`. \
            With --p12 and --password-file the key is read from a PKCS#12 file instead of --in.
            """
    )

    enum Format: String, CaseIterable, ExpressibleByArgument, Sendable {
        case pem, jwk, jwks
    }

    @Option(name: .customLong("in"), help: "Private key (PKCS#8, SEC 1 or PKCS#1 PEM) or PUBLIC KEY PEM.")
    var input: String?

    @OptionGroup var pkcs12: PKCS12Options

    @Option(name: .long, help: "Output format.")
    var format: Format = .pem

    @Option(name: .long, help: "Key ID (kid) for --format jwk or jwks.")
    var kid: String?

    @Option(name: .long, help: "Algorithm the key is bound to, for --format jwks (default: from the key type).")
    var alg: SignatureAlgorithm?

    func validate() throws {
        if kid != nil, format == .pem { throw ValidationError("--kid applies only to --format jwk or jwks") }
        if alg != nil, format != .jwks { throw ValidationError("--alg applies only to --format jwks") }
        if (input == nil) == (pkcs12.file == nil) { throw ValidationError("give exactly one of --in and --p12") }
    }

    func run() async throws {
        let publicKey: PublicKey
        if let bundle = try pkcs12.bundle() {
            publicKey = bundle.privateKey.publicKey
        } else if let input {
            publicKey = try KeyFiles.anyPublicKey(at: input)
        } else {
            throw CLIError.usage("give exactly one of --in and --p12")
        }
        switch format {
        case .pem: Output.printText(publicKey.pemRepresentation)
        case .jwk: Output.printText(try Self.jwkOutput(for: publicKey, keyID: kid))
        case .jwks:
            let algorithm = alg ?? SignatureAlgorithm.defaultAlgorithm(for: publicKey.keyType)
            Output.printText(try Self.jwksOutput(for: publicKey, keyID: kid, algorithm: algorithm))
        }
    }
}
