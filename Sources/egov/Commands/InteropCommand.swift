import ArgumentParser
import EGovKit
import Foundation

/// `egov interop`: data service contracts between departments.
struct InteropCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "interop", abstract: "Data-sharing contracts between departments: validate, OpenAPI.",
        subcommands: [InteropValidate.self, InteropOpenAPI.self])

    /// Loads and validates a contract file (exit 65 when it does not parse or is invalid).
    static func load(_ path: String) throws(CLIError) -> DataServiceContract {
        let bytes = try InputSource(path).readAll(limit: DataServiceContract.maximumBytes)
        do {
            return try DataServiceContract.decode(from: bytes)
        } catch {
            throw .badInput(error.reason, code: error.code)
        }
    }
}

/// `egov interop validate CONTRACT.json`.
struct InteropValidate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Validate a data service contract.",
        discussion: "Prints {\"valid\": true, \"id\", \"version\", \"service\"}; exits 65 with the issues when invalid.")

    @Argument(help: "Contract JSON file, or - for standard input.") var file: String

    struct Result: Encodable {
        let valid: Bool
        let id: String
        let version: String
        let service: String
    }

    func run() async throws {
        let contract = try InteropCommand.load(file)
        try Output.printJSON(
            Result(valid: true, id: contract.id, version: contract.version, service: contract.service.text))
    }
}

/// `egov interop openapi CONTRACT.json`.
struct InteropOpenAPI: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi", abstract: "Print the OpenAPI 3.1 document of a data service contract.",
        discussion: "The document is canonical JSON (RFC 8785) on stdout.")

    @Argument(help: "Contract JSON file, or - for standard input.") var file: String

    func run() async throws {
        let document = OpenAPIGenerator.document(for: try InteropCommand.load(file))
        do {
            Output.printText(String(decoding: try CanonicalJSON.serialize(document), as: UTF8.self))
        } catch {
            throw CLIError(code: error.code, reason: error.reason, status: .software)
        }
    }
}
