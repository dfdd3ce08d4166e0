import EGovCrypto
import Foundation

/// Helpers for the X.509 tests: the `openssl` CLI and temporary directories.
enum X509TestSupport {
    struct CommandResult {
        let status: Int32
        let output: String
    }

    static let openSSLPath: String? = [
        "/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl",
    ]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Runs `openssl` with `arguments` in `directory`, returning status and combined output.
    static func openssl(_ arguments: [String], in directory: URL) throws -> CommandResult {
        guard let path = openSSLPath else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// A fresh temporary directory; the caller removes it.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "egovkit-x509-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// The `CryptoError` thrown by `body`, or `nil` if it did not throw one.
    static func cryptoError(_ body: () throws -> Void) -> CryptoError? {
        do {
            try body()
            return nil
        } catch let error as CryptoError {
            return error
        } catch {
            return nil
        }
    }

    /// Parses `AA:BB:...` hex.
    static func colonHex(_ text: String) -> [UInt8] {
        text.split(separator: ":").compactMap {
            UInt8($0.trimmingCharacters(in: .whitespaces), radix: 16)
        }
    }
}
