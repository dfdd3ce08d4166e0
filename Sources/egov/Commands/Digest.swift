import ArgumentParser
import EGovCore
import EGovKit

struct Digest: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the digest of a file or standard input as lowercase hex.",
        discussion: "The input is streamed; files of any size are accepted."
    )

    @Option(name: .long, help: "Digest algorithm.")
    var alg: DigestName

    @Argument(help: "Input file, or - for standard input (the default).")
    var file: String?

    func run() async throws {
        print(Hex.encode(try InputSource(file).digest(alg.algorithm)))
    }
}
