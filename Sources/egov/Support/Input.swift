import EGovKit
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Where a command reads its input: a file path, or standard input for `-` (or no argument).
struct InputSource: Sendable, CustomStringConvertible {
    /// `nil` means standard input.
    let path: String?

    init(_ argument: String?) {
        path = (argument == nil || argument == "-") ? nil : argument
    }

    var description: String { path.map { "file \($0)" } ?? "standard input" }

    /// Default limit for whole-input reads of messages (64 MiB).
    static let defaultMessageLimit = 64 << 20
    /// Limit for key and other PEM files (64 KiB, the PEM parser's own limit for keys).
    static let keyFileLimit = 64 << 10
    /// Read chunk size for streaming.
    static let chunkSize = 64 << 10

    /// Opens the source, returning a descriptor and whether it must be closed.
    private func open() throws(CLIError) -> (descriptor: Int32, owned: Bool) {
        guard let path else { return (STDIN_FILENO, false) }
        let descriptor = path.withCString { openReadOnly($0) }
        guard descriptor >= 0 else {
            let message = String(cString: strerror(errno))
            throw .badInput("cannot open \(path): \(message)", code: "cli.input.unreadable")
        }
        return (descriptor, true)
    }

    /// Calls `body` with successive chunks until the end of input. Nothing is held beyond one chunk.
    func forEachChunk(_ body: ([UInt8]) throws(CLIError) -> Void) throws(CLIError) {
        let (descriptor, owned) = try open()
        defer { if owned { close(descriptor) } }
        var buffer = [UInt8](repeating: 0, count: Self.chunkSize)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                let message = String(cString: strerror(errno))
                throw .badInput("cannot read \(self): \(message)", code: "cli.input.unreadable")
            }
            if count == 0 { return }
            try body(Array(buffer[0..<count]))
        }
    }

    /// Reads the whole input, refusing more than `limit` bytes.
    func readAll(limit: Int = InputSource.defaultMessageLimit) throws(CLIError) -> [UInt8] {
        var bytes: [UInt8] = []
        try forEachChunk { (chunk: [UInt8]) throws(CLIError) in
            guard bytes.count + chunk.count <= limit else {
                throw .badInput("\(self) exceeds the limit of \(limit) bytes", code: "cli.input.too_large")
            }
            bytes += chunk
        }
        return bytes
    }

    /// The digest of the whole input, hashed chunk by chunk (inputs of any size).
    func digest(_ algorithm: HashAlgorithm) throws(CLIError) -> [UInt8] {
        var hasher: StreamingHasher
        do { hasher = try StreamingHasher(algorithm) } catch { throw CLIError.from(error) }
        try forEachChunk { (chunk: [UInt8]) throws(CLIError) in
            do { try hasher.update(chunk) } catch { throw CLIError.from(error) }
        }
        do { return try hasher.finalize() } catch { throw CLIError.from(error) }
    }

    /// Reads the whole input as UTF-8 text (for PEM files), refusing more than `limit` bytes.
    func readText(limit: Int = InputSource.keyFileLimit) throws(CLIError) -> String {
        let bytes = try readAll(limit: limit)
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw .badInput("\(self) is not UTF-8 text", code: "cli.input.not_text")
        }
        return text
    }
}

/// `open(2)` read-only (outside `InputSource`, whose `open()` would shadow the C function).
private func openReadOnly(_ path: UnsafePointer<CChar>) -> Int32 {
    open(path, O_RDONLY | O_CLOEXEC)
}
