import Foundation
import Testing

/// Runs the built `egov` executable and captures its output.
///
/// Output goes to temporary files rather than pipes, so a large output can never block the child.
struct CLIRunner {
    struct Result: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String

        /// stdout parsed as a JSON object.
        func json() throws -> [String: Any] {
            let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8))
            return try #require(object as? [String: Any], "stdout is not a JSON object: \(stdout)")
        }

        /// stderr parsed as the CLI's `{"error", "reason"}` object.
        func errorJSON() throws -> [String: String] {
            let line = stderr.trimmingCharacters(in: .whitespacesAndNewlines)
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            return try #require(object as? [String: String], "stderr is not a JSON error: \(stderr)")
        }
    }

    enum LocateError: Error, CustomStringConvertible {
        case notFound([String])
        var description: String {
            switch self {
            case .notFound(let places):
                "could not find the built `egov` executable; looked in: \(places.joined(separator: ", ")). "
                    + "Build it with `swift build` or set EGOV_BINARY to its path."
            }
        }
    }

    /// The `egov` executable (or another product of the package, by `name`): $EGOV_BINARY for
    /// `egov`, or next to the test bundle / test executable.
    static func executable(named name: String = "egov") throws -> URL {
        let fileManager = FileManager.default
        if name == "egov", let override = ProcessInfo.processInfo.environment["EGOV_BINARY"], !override.isEmpty {
            return URL(fileURLWithPath: override)
        }
        var directories: [URL] = []
        let bundleURL = Bundle.main.bundleURL
        directories.append(bundleURL)
        directories.append(bundleURL.deletingLastPathComponent())
        for bundle in Bundle.allBundles where bundle.bundleURL.pathExtension == "xctest" {
            directories.append(bundle.bundleURL.deletingLastPathComponent())
        }
        if let executable = Bundle.main.executableURL {
            directories.append(executable.deletingLastPathComponent())
            // macOS: .build/debug/X.xctest/Contents/MacOS/X
            directories.append(
                executable.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                    .deletingLastPathComponent())
        }
        let argv0 = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
        directories.append(argv0.deletingLastPathComponent())
        var seen: Set<String> = []
        for directory in directories {
            let candidate = directory.appendingPathComponent(name)
            guard seen.insert(candidate.path).inserted else { continue }
            var isDirectory: ObjCBool = false
            if fileManager.fileExists(atPath: candidate.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                fileManager.isExecutableFile(atPath: candidate.path)
            {
                return candidate
            }
        }
        throw LocateError.notFound(Array(seen).sorted())
    }

    /// Runs `egov` with `arguments`, feeding `stdin` if given, in `directory`.
    static func egov(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) async throws -> Result {
        try await run(executable(), arguments, stdin: stdin, in: directory)
    }

    /// Runs `openssl` (found on PATH) with `arguments`.
    static func openssl(_ arguments: [String], stdin: Data? = nil, in directory: URL? = nil) async throws -> Result {
        try await run(URL(fileURLWithPath: "/usr/bin/env"), ["openssl"] + arguments, stdin: stdin, in: directory)
    }

    static func run(_ executable: URL, _ arguments: [String], stdin: Data?, in directory: URL?) async throws -> Result {
        let scratch = try TemporaryDirectory()
        defer { scratch.remove() }
        let outURL = scratch.url.appendingPathComponent("stdout")
        let errURL = scratch.url.appendingPathComponent("stderr")
        let inURL = scratch.url.appendingPathComponent("stdin")
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        try (stdin ?? Data()).write(to: inURL)
        let outHandle = try FileHandle(forWritingTo: outURL)
        let errHandle = try FileHandle(forWritingTo: errURL)
        let inHandle = try FileHandle(forReadingFrom: inURL)
        defer {
            try? outHandle.close()
            try? errHandle.close()
            try? inHandle.close()
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = inHandle
        if let directory { process.currentDirectoryURL = directory }
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return Result(
            status: status,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

/// A temporary directory removed by `remove()`.
struct TemporaryDirectory: Sendable {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("egov-cli-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }

    func write(_ name: String, _ data: Data) throws {
        try data.write(to: url.appendingPathComponent(name))
    }

    func read(_ name: String) throws -> String {
        String(decoding: try Data(contentsOf: url.appendingPathComponent(name)), as: UTF8.self)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}
