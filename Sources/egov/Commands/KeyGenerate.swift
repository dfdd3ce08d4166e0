import ArgumentParser
import EGovKit

struct KeyGenerate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Generate a private key and write it as PKCS#8 PEM (mode 0600).",
        discussion: """
            Prints {"algorithm", "keyType", "publicKey"} as JSON. RSA keys are 2048 bits. \
            An existing output file is refused unless --force is given.
            """
    )

    @Option(name: .long, help: "Algorithm the key is for.")
    var alg: SignatureAlgorithm

    @Option(name: .long, help: "Output file for the private key (PKCS#8 PEM).")
    var out: String

    @Flag(name: .long, help: "Replace an existing output file.")
    var force = false

    struct Result: Encodable {
        let algorithm: String
        let keyType: String
        let publicKey: String
    }

    func run() async throws {
        let key: PrivateKey
        let pem: String
        do {
            key = try PrivateKey.generate(for: alg)
            pem = try key.pkcs8PEMRepresentation()
        } catch {
            throw CLIError(error)
        }
        try SecretFile.write(pem, to: out, force: force)
        try Output.printJSON(
            Result(
                algorithm: alg.rawValue, keyType: key.keyType.description, publicKey: key.publicKey.pemRepresentation))
    }
}
