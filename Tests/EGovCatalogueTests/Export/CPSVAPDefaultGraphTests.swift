import EGovCore
import Foundation
import Testing

@testable import EGovCatalogue

/// The CPSV-AP export must put every triple in the default graph: under JSON-LD 1.1 a top-level
/// object with `@graph` and any member other than `@context` describes a node whose `@graph` is a
/// named graph, and validators that read the default graph would see no services.
@Suite("CPSV-AP JSON-LD default graph")
struct CPSVAPDefaultGraphTests {
    /// The repository root, found from this source file.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test("the top-level object has only @context and @graph; the version is on the catalogue node")
    func topLevelMembers() throws {
        let document = try CPSVAPJSONLD.export(try Catalogue.sample())
        guard case .object(let top) = document else {
            Issue.record("the document is not an object")
            return
        }
        #expect(Set(top.keys) == ["@context", "@graph"])
        guard case .array(let graph)? = top["@graph"] else {
            Issue.record("missing @graph")
            return
        }
        let catalogues = graph.filter { $0["@type"] == .string("dcat:Catalog") }
        #expect(catalogues.count == 1)
        #expect(catalogues.first?["egov:catalogueVersion"] == .string(try Catalogue.sample().version))
    }

    @Test("import refuses a version beside @graph (a named graph) and a document without a catalogue node")
    func importRefusesNamedGraph() throws {
        let catalogue = try Catalogue.sample()
        guard case .object(var top) = try CPSVAPJSONLD.export(catalogue) else {
            Issue.record("the document is not an object")
            return
        }
        top["egov:catalogueVersion"] = .string("1")
        #expect(throws: CatalogueError.unsupportedJSONLD(path: "$.egov:catalogueVersion", detail: "unexpected top-level member")) {
            try CPSVAPJSONLD.importCatalogue(JSONValue.object(top))
        }
        top["egov:catalogueVersion"] = nil
        if case .array(let graph)? = top["@graph"] {
            top["@graph"] = .array(graph.filter { $0["@type"] != .string("dcat:Catalog") })
        }
        #expect(throws: CatalogueError.unsupportedJSONLD(path: "$.@graph", detail: "expected exactly one dcat:Catalog node")) {
            try CPSVAPJSONLD.importCatalogue(JSONValue.object(top))
        }
    }

    /// The Python interpreter of the peer test: $PYTHON, or python3.
    static let python = ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"

    static let pyldAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [python, "-c", "import pyld"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    /// Converts the export to RDF with PyLD (the remote CPSV-AP context replaced by the class-term
    /// excerpt in Conformance/cpsv-ap, as the SHACL check does) and prints
    /// `{"default": N, "named": M, "services": S}`: triples in the default graph, triples in named
    /// graphs, and `cpsv:PublicService` nodes typed in the default graph.
    static let pyldScript = """
        import json, sys
        from pyld import jsonld
        document = json.load(open(sys.argv[1], encoding="utf-8"))
        local = json.load(open(sys.argv[2], encoding="utf-8"))["@context"]
        document["@context"] = [local if item == sys.argv[3] else item for item in document["@context"]]
        dataset = jsonld.to_rdf(document)
        default = dataset.get("@default", [])
        named = sum(len(triples) for name, triples in dataset.items() if name != "@default")
        services = sum(
            1 for t in default
            if t["predicate"]["value"] == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
            and t["object"]["value"] == "http://purl.org/vocab/cpsv#PublicService")
        print(json.dumps({"default": len(default), "named": named, "services": services}))
        """

    @Test(
        "PyLD puts every triple of the export in the default graph (when pyld is installed)",
        .enabled(if: pyldAvailable, "pip install pyld (or set PYTHON to an interpreter that has it)"))
    func pyldDefaultGraph() throws {
        let catalogue = try Catalogue.sample()
        let bytes = try CanonicalJSON.serialize(try CPSVAPJSONLD.export(catalogue))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("egov-cpsv-\(UUID().uuidString).jsonld")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            Self.python, "-c", Self.pyldScript, url.path,
            Self.root.appendingPathComponent("Conformance/cpsv-ap/cpsv-ap-context-classes.jsonld").path,
            CPSVAPJSONLD.contextURI,
        ]
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let outData = output.fileHandleForReading.readDataToEndOfFile()
        let errData = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(String(decoding: errData, as: UTF8.self))")
        let counts = try JSONValue.parse(Array(outData))
        #expect(counts["named"] == .number(0), "\(counts)")
        #expect(counts["services"] == .number(Double(catalogue.services.count)), "\(counts)")
        guard case .number(let triples)? = counts["default"] else {
            Issue.record("no default-graph count: \(counts)")
            return
        }
        #expect(triples > 1000, "\(counts)")
    }
}
