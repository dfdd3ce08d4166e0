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
        let algorithm = alg.algorithm
        var hasher: StreamingHasher
        do { hasher = try StreamingHasher(algorithm) } catch { throw CLIError.from(error) }
        try InputSource(file).forEachChunk { (chunk: [UInt8]) throws(CLIError) in
            do { try hasher.update(chunk) } catch { throw CLIError.from(error) }
        }
        let digest: [UInt8]
        do { digest = try hasher.finalize() } catch { throw CLIError.from(error) }
        print(Hex.encode(digest))
    }
}
