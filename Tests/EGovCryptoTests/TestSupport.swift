import EGovCore
import Foundation
import Testing

/// Helpers shared by the EGovCrypto test suites.
enum TestSupport {
    struct HexError: Error, CustomStringConvertible {
        let description: String
    }

    /// Decodes lowercase or uppercase hex (whitespace ignored).
    static func hex(_ text: String) throws -> [UInt8] {
        let digits = Array(text.utf8.filter { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) })
        guard digits.count % 2 == 0 else { throw HexError(description: "odd number of hex digits") }
        var output = [UInt8]()
        output.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else {
                throw HexError(description: "not a hex digit at \(index)")
            }
            output.append(high << 4 | low)
            index += 2
        }
        return output
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case 0x30...0x39: c - 0x30
        case 0x61...0x66: c - 0x61 + 10
        case 0x41...0x46: c - 0x41 + 10
        default: nil
        }
    }

    static func hexString(_ bytes: [UInt8]) -> String {
        bytes.map { String(format: "%02x", $0) }.joined()
    }

    static func b64u(_ text: String) throws -> [UInt8] { try Base64URL.decode(text) }

    /// The bytes of a bundled resource, e.g. `resource("wycheproof/ed25519_test", "json")`.
    static func resource(_ name: String, _ ext: String) throws -> Data {
        let url = try #require(
            Bundle.module.url(forResource: "Resources/\(name)", withExtension: ext),
            "missing test resource Resources/\(name).\(ext)")
        return try Data(contentsOf: url)
    }

    static func resourceText(_ name: String, _ ext: String) throws -> String {
        String(decoding: try resource(name, ext), as: UTF8.self)
    }
}

/// Runs the `openssl` command line in a private temporary directory.
final class OpenSSLCLI {
    static let executable = "/usr/bin/openssl"
    let directory: URL

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Whether the CLI is installed; tests that need it fail (never skip) when it is not.
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: executable) }

    init() throws {
        guard Self.isAvailable else {
            throw Failure(
                description: "\(Self.executable) is missing: install the openssl command line (CI installs it)")
        }
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("egov-openssl-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    func write(_ name: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: directory.appendingPathComponent(name))
    }

    func write(_ name: String, _ text: String) throws { try write(name, Array(text.utf8)) }

    func read(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: directory.appendingPathComponent(name))) }

    func readText(_ name: String) throws -> String { String(decoding: try read(name), as: UTF8.self) }

    /// Runs `openssl arguments...`; returns exit status and combined output.
    @discardableResult
    func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.executable)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Runs and requires success.
    @discardableResult
    func runOK(_ arguments: [String]) throws -> String {
        let result = try run(arguments)
        guard result.status == 0 else {
            throw Failure(
                description: "openssl \(arguments.joined(separator: " ")) failed (\(result.status)): \(result.output)")
        }
        return result.output
    }
}
