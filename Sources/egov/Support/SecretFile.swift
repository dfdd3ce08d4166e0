import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes secrets (private keys) to files that are created with mode 0600 from the start.
enum SecretFile {
    /// Writes `text` to a new file at `path` with mode 0600.
    ///
    /// An existing file (or symlink) is refused unless `force` is set, in which case it is removed
    /// first and a fresh 0600 file is created, so an old file's looser mode never carries over.
    static func write(_ text: String, to path: String, force: Bool) throws(CLIError) {
        if force {
            if unlink(path) != 0, errno != ENOENT {
                throw failure("cannot replace \(path)")
            }
        }
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode_t(0o600))
        guard descriptor >= 0 else {
            if errno == EEXIST {
                throw .usage("\(path) already exists; pass --force to overwrite it", code: "cli.output.exists")
            }
            throw failure("cannot create \(path)")
        }
        defer { close(descriptor) }
        // The umask can only remove bits from 0600; set it exactly anyway.
        guard fchmod(descriptor, 0o600) == 0 else { throw failure("cannot set the mode of \(path)") }
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { writeBytes(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw failure("cannot write \(path)")
            }
            bytes = bytes.dropFirst(written)
        }
        guard fsync(descriptor) == 0 else { throw failure("cannot flush \(path)") }
    }

    private static func failure(_ what: String) -> CLIError {
        let message = String(cString: strerror(errno))
        return CLIError(code: "cli.output.unwritable", reason: "\(what): \(message)", status: .badInput)
    }
}

/// `write(2)` (outside `SecretFile`, whose `write(_:to:force:)` would shadow the C function).
private func writeBytes(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(descriptor, buffer, count)
}
