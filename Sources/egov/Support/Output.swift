import Foundation

/// Writes the CLI's output: JSON (sorted keys) or plain lines on stdout, JSON errors on stderr.
enum Output {
    /// Encodes `value` as compact JSON with sorted keys and without escaped slashes.
    static func json(_ value: some Encodable) throws(CLIError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            let data = try encoder.encode(value)
            return String(decoding: data, as: UTF8.self)
        } catch {
            throw CLIError(code: "cli.internal", reason: "could not encode JSON output", status: .software)
        }
    }

    /// Prints `value` as one line of JSON on stdout.
    static func printJSON(_ value: some Encodable) throws(CLIError) {
        print(try json(value))
    }

    /// Prints `text` on stdout, adding a newline unless it already ends with one.
    static func printText(_ text: String) {
        print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
    }

    /// Writes `value` as one line of JSON on stderr (information beside the output on stdout).
    static func printNote(_ value: some Encodable) {
        guard let line = try? json(value) else { return }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Writes `{"error": code, "reason": text}` on stderr.
    static func printError(code: String, reason: String) {
        let line =
            (try? json(["error": code, "reason": reason])) ?? #"{"error":"cli.internal","reason":"unencodable error"}"#
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
