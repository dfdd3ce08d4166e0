import ArgumentParser

// The `x509` group's command lines. The implementations come with the X.509 API from another
// branch; until then each subcommand refuses with a usage error (64). Nothing here refers to
// X.509 types, so this file compiles on its own.

struct X509: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "x509",
        abstract: "Inspect and verify X.509 certificates.",
        subcommands: [X509Verify.self, X509Show.self]
    )
}

struct X509Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Verify a certificate chain against trust anchors.",
        discussion: "Exits 0 when valid, 1 when invalid, 2 when indeterminate."
    )

    @Option(name: .long, help: "Trust anchors (PEM bundle).")
    var roots: String

    @Option(name: .long, help: "Intermediate certificates (PEM bundle).")
    var intermediates: String?

    @Option(name: .long, help: "SM2 distinguishing ID for SM2-signed certificates.")
    var sm2ID: String?

    @Option(name: .long, help: "Validation time (RFC 3339; default: now).")
    var at: String?

    @Argument(help: "Leaf certificate PEM file, or - for standard input.")
    var file: String?

    func run() async throws {
        throw CLIError.usage("x509 verify is not available in this build", code: "cli.unavailable")
    }
}

struct X509Show: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a certificate's fields as JSON."
    )

    @Argument(help: "Certificate PEM file, or - for standard input.")
    var file: String?

    func run() async throws {
        throw CLIError.usage("x509 show is not available in this build", code: "cli.unavailable")
    }
}
