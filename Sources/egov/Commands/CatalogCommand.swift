import ArgumentParser
import EGovKit
import Foundation

struct CatalogCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "The public-service catalogue: validate, export, search.",
        subcommands: [CatalogValidate.self, CatalogExport.self, CatalogSearch.self])

    /// Loads a catalogue file (exit 65 when it does not parse).
    static func load(_ path: String) throws(CLIError) -> Catalogue {
        let bytes = try InputSource(path).readAll(limit: Catalogue.maximumBytes)
        do { return try Catalogue.load(from: Data(bytes)) } catch { throw .badInput(error.reason, code: error.code) }
    }
}

struct CatalogValidate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a catalogue (CPSV-AP cardinalities, references, durations, languages, cycles).",
        discussion: "Prints {\"valid\": bool, \"errors\": [{code, path, message}]}; exits 0 when valid, 1 otherwise.")

    @Argument(help: "Catalogue JSON file.") var file: String

    struct Result: Encodable {
        let valid: Bool
        let errors: [CatalogueIssue]
    }

    func run() async throws {
        let issues = CatalogueValidator().validate(try CatalogCommand.load(file))
        try Output.printJSON(Result(valid: issues.isEmpty, errors: issues))
        if !issues.isEmpty { throw ExitCode(ExitStatus.invalid.rawValue) }
    }
}

struct CatalogExport: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export a catalogue as CPSV-AP 3.2 JSON-LD or a schema.org GovernmentService view.")

    enum Format: String, CaseIterable, ExpressibleByArgument {
        case cpsvAP = "cpsv-ap", schemaOrg = "schema-org"
    }

    @Option(name: .long, help: "cpsv-ap or schema-org.") var format: Format
    @Argument(help: "Catalogue JSON file.") var file: String

    func run() async throws {
        let catalogue = try CatalogCommand.load(file)
        let document: JSONValue
        do {
            document = format == .cpsvAP ? try CPSVAPJSONLD.export(catalogue) : try SchemaOrgExport.export(catalogue)
        } catch {
            throw CLIError.badInput(error.reason, code: error.code)
        }
        do {
            Output.printText(String(decoding: try CanonicalJSON.serialize(document), as: UTF8.self))
        } catch {
            throw CLIError(code: error.code, reason: error.reason, status: .software)
        }
    }
}

struct CatalogSearch: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search", abstract: "Search a catalogue in Chinese (Traditional or Simplified), Portuguese or English.")

    @Option(name: .long, help: "The query.") var query: String
    @Option(name: .long, help: "Language for the titles shown (default zh-Hant).") var locale: String = "zh-Hant"
    @Option(name: .long, help: "Most results.") var limit: Int = 10
    @Argument(help: "Catalogue JSON file.") var file: String

    struct Hit: Encodable {
        let id: String
        let title: String
        let score: Double
    }

    func run() async throws {
        let tag: LanguageTag
        do { tag = try LanguageTag(locale) } catch { throw CLIError.usage(error.reason, code: error.code) }
        guard (1...100).contains(limit) else { throw CLIError.usage("--limit must be 1 to 100") }
        let index = CatalogueIndex(catalogue: try CatalogCommand.load(file))
        let hits = index.search(query, limit: limit).map { result in
            Hit(
                id: result.service.id.rawValue, title: result.service.title.text(for: tag)?.text ?? "",
                score: (result.score * 1000).rounded() / 1000)
        }
        try Output.printJSON(["results": hits])
    }
}
