import ArgumentParser

struct Key: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate keys and export public keys.",
        subcommands: [KeyGenerate.self, KeyPublic.self]
    )
}
