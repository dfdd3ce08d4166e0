import ArgumentParser

struct Raw: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign and verify raw bytes (no token or container format).",
        subcommands: [RawSign.self, RawVerify.self]
    )
}
