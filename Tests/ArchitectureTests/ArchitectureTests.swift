import Foundation
import Testing

/// The target graph as declared (Package.swift), as drawn (Documentation/Architecture.md) and as
/// used (the sources' `import` lines) must be the same graph.
@Suite("Architecture")
struct ArchitectureTests {
    /// Targets that are part of the product graph (not tests, test support or examples).
    static func productTargets(_ manifest: Manifest) -> [Manifest.Target] {
        manifest.targets.filter { $0.kind != .test && !$0.path.hasPrefix("Examples/") && !$0.path.hasPrefix("Tests/") }
    }

    @Test("Architecture.md draws exactly the edges Package.swift declares")
    func diagramMatchesManifest() throws {
        let manifest = try Manifest.load()
        let diagram = try Diagram.load()
        let targets = Self.productTargets(manifest)
        #expect(Set(targets.map(\.name)) == diagram.targets, "targets in Package.swift vs Architecture.md")
        for target in targets {
            let declared = Set(target.internalDependencies).union(target.externalPackages)
            let drawn = diagram.edges[target.name, default: []]
            #expect(
                declared == drawn,
                "\(target.name): only in Package.swift \(declared.subtracting(drawn).sorted()), only in Architecture.md \(drawn.subtracting(declared).sorted())"
            )
        }
    }

    @Test("every declared dependency is imported by some source file of the target")
    func everyDependencyIsUsed() throws {
        let manifest = try Manifest.load()
        let executables = Set(manifest.targets.filter { $0.kind == .executable }.map(\.name))
        for target in manifest.targets where target.kind != .system {
            let imports = try Sources.imports(under: target.path)
            let modules = target.internalDependencies.filter { !executables.contains($0) } + target.productModules
            for module in modules {
                #expect(imports.contains(module), "\(target.name) declares \(module) but no file imports it")
            }
        }
    }

    @Test("every imported EGovKit module is declared")
    func everyImportIsDeclared() throws {
        let manifest = try Manifest.load()
        let own = Set(manifest.targets.map(\.name))
        for target in manifest.targets where target.kind != .system {
            let imports = try Sources.imports(under: target.path)
            let declared = Set(target.internalDependencies + target.productModules)
            for module in imports where own.contains(module) || Manifest.knownProductModules.contains(module) {
                #expect(declared.contains(module), "\(target.name) imports \(module) without declaring it")
            }
        }
    }

    @Test("domain modules and the embedded store pull in no SwiftNIO, HTTP client or server, or PostgreSQL driver")
    func domainModulesStayLight() throws {
        let manifest = try Manifest.load()
        let heavy: Set<String> = ["swift-nio", "async-http-client", "postgres-nio", "hummingbird"]
        let light = [
            "EGovCore", "EGovCrypto", "EGovIdentity", "EGovSignature", "EGovCertificates", "EGovNotifications",
            "EGovCatalogue", "EGovInterop", "EGovSQLite",
        ]
        for name in light {
            let closure = try manifest.closure(of: name)
            let packages = Set(closure.flatMap(\.externalPackages))
            #expect(packages.isDisjoint(with: heavy), "\(name) reaches \(packages.intersection(heavy).sorted())")
        }
        // The catalogue is plain data: it does not link the crypto engine.
        let catalog = try manifest.closure(of: "EGovCatalogue").map(\.name)
        #expect(!catalog.contains("COpenSSL"), "EGovCatalogue reaches \(catalog.sorted())")
    }

    @Test("every library target has a DocC catalog, and CI builds it")
    func everyLibraryHasADocCCatalog() throws {
        let manifest = try Manifest.load()
        let ci = try Repository.text(".ci/run")
        for target in manifest.targets where target.kind == .regular && target.path.hasPrefix("Sources/") {
            let root = Repository.root.appendingPathComponent("\(target.path)/\(target.name).docc/\(target.name).md")
            #expect(FileManager.default.fileExists(atPath: root.path), "\(target.name) has no DocC catalog")
            #expect(ci.contains(" \(target.name) ") || ci.contains(" \(target.name);"), "CI does not build \(target.name)'s documentation")
        }
    }

    @Test("Package.swift lists targets by layer: every dependency is declared above its dependant")
    func manifestIsOrderedByLayer() throws {
        let manifest = try Manifest.load()
        var seen: Set<String> = []
        for target in manifest.targets {
            for dependency in target.internalDependencies {
                #expect(seen.contains(dependency), "\(target.name) depends on \(dependency), declared below it")
            }
            seen.insert(target.name)
        }
    }
}

/// The repository this test file lives in.
enum Repository {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func text(_ path: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
    }
}

/// A failure to read Package.swift or Architecture.md in the expected shape.
struct ArchitectureParseError: Error, CustomStringConvertible {
    var description: String
}

/// Package.swift's targets, read from its text (the manifest's own shape, not a general Swift parser).
struct Manifest {
    enum Kind { case regular, executable, test, system }

    struct Target {
        var name: String
        var kind: Kind
        var path: String
        /// Targets of this package, as written in `dependencies:`.
        var internalDependencies: [String]
        /// `.product(name:package:)` dependencies: (module, package).
        var products: [(module: String, package: String)]

        var externalPackages: [String] { products.map(\.package) }
        var productModules: [String] { products.map(\.module) }
    }

    /// Module names of the external products EGovKit uses (so that importing one undeclared is caught).
    static let knownProductModules: Set<String> = [
        "Logging", "Metrics", "HTTPTypes", "AsyncHTTPClient", "NIOCore", "NIOPosix", "NIOHTTP1", "GRDB",
        "PostgresNIO", "ArgumentParser", "Hummingbird", "HummingbirdTesting",
    ]

    var targets: [Target]

    func target(_ name: String) throws -> Target {
        guard let target = targets.first(where: { $0.name == name }) else {
            throw ArchitectureParseError(description: "no target \(name) in Package.swift")
        }
        return target
    }

    /// The target and everything it depends on, transitively.
    func closure(of name: String) throws -> [Target] {
        var result: [String: Target] = [:]
        var pending = [name]
        while let next = pending.popLast() {
            guard result[next] == nil else { continue }
            let target = try target(next)
            result[next] = target
            pending += target.internalDependencies
        }
        return Array(result.values)
    }

    static func load() throws -> Manifest {
        let text = try Repository.text("Package.swift")
        guard let start = text.range(of: "targets: [") else {
            throw ArchitectureParseError(description: "Package.swift has no targets list")
        }
        var targets: [Target] = []
        let calls: [(String, Kind)] = [
            (".target(", .regular), (".executableTarget(", .executable), (".testTarget(", .test),
            (".systemLibrary(", .system),
        ]
        var cursor = start.upperBound
        while true {
            let found = calls.compactMap { call, kind in
                text.range(of: call, range: cursor..<text.endIndex).map { ($0, kind) }
            }.min { $0.0.lowerBound < $1.0.lowerBound }
            guard let (range, kind) = found else { break }
            let body = try Self.balanced(text, from: text.index(before: range.upperBound), open: "(", close: ")")
            cursor = body.upperBound
            let arguments = String(text[body])
            guard let name = Self.firstString(after: "name:", in: arguments) else {
                throw ArchitectureParseError(description: "a target without a name: \(arguments.prefix(80))")
            }
            let path =
                Self.firstString(after: "path:", in: arguments)
                ?? (kind == .test ? "Tests/\(name)" : "Sources/\(name)")
            var internals: [String] = []
            var products: [(String, String)] = []
            if let label = arguments.range(of: "dependencies:"),
                let open = arguments.range(of: "[", range: label.upperBound..<arguments.endIndex)
            {
                let list = try Self.balanced(arguments, from: open.lowerBound, open: "[", close: "]")
                var rest = String(arguments[list])
                let quoted = #/"([^"]+)"/#
                let product = /\.product\(\s*name:\s*"([^"]+)"\s*,\s*package:\s*"([^"]+)"\s*\)/
                for match in rest.matches(of: product) {
                    products.append((String(match.1), String(match.2)))
                }
                rest = rest.replacing(product, with: "")
                internals = rest.matches(of: quoted).map { String($0.1) }
            }
            targets.append(
                Target(name: name, kind: kind, path: path, internalDependencies: internals, products: products))
        }
        return Manifest(targets: targets)
    }

    /// The range strictly inside the bracket pair whose opening bracket is at `from`.
    static func balanced(_ text: String, from: String.Index, open: Character, close: Character) throws -> Range<String.Index> {
        var depth = 0
        var index = from
        var inString = false
        while index < text.endIndex {
            let character = text[index]
            if character == "\"" { inString.toggle() }
            if !inString {
                if character == open { depth += 1 }
                if character == close {
                    depth -= 1
                    if depth == 0 { return text.index(after: from)..<index }
                }
            }
            index = text.index(after: index)
        }
        throw ArchitectureParseError(description: "unbalanced \(open)\(close) in Package.swift")
    }

    static func firstString(after label: String, in text: String) -> String? {
        guard let range = text.range(of: label) else { return nil }
        return text[range.upperBound...].firstMatch(of: /^\s*"([^"]+)"/).map { String($0.1) }
    }
}

/// The first Mermaid diagram of Documentation/Architecture.md: nodes `Alias["Name<br/>…"]` and
/// edges `Alias --> Alias`. A node's name is its label's first line without a parenthesised note.
struct Diagram {
    var targets: Set<String>
    var edges: [String: Set<String>]

    static func load() throws -> Diagram {
        let text = try Repository.text("Documentation/Architecture.md")
        guard let start = text.range(of: "```mermaid\n"),
            let end = text.range(of: "\n```", range: start.upperBound..<text.endIndex)
        else { throw ArchitectureParseError(description: "Architecture.md has no mermaid block") }
        let block = text[start.upperBound..<end.lowerBound]
        var names: [String: String] = [:]
        var edges: [String: Set<String>] = [:]
        for line in block.split(separator: "\n") {
            let line = line.trimmingCharacters(in: .whitespaces)
            if let node = line.wholeMatch(of: /(\w+)\["([^"]*)"\]/) {
                var label = String(node.2)
                if let br = label.range(of: "<br/>") { label = String(label[..<br.lowerBound]) }
                if let note = label.range(of: " (") { label = String(label[..<note.lowerBound]) }
                names[String(node.1)] = label.trimmingCharacters(in: .whitespaces)
            } else if let edge = line.wholeMatch(of: /(\w+)\s*-->\s*(\w+)/) {
                guard let from = names[String(edge.1)], let to = names[String(edge.2)] else {
                    throw ArchitectureParseError(description: "edge with an undeclared node: \(line)")
                }
                edges[from, default: []].insert(to)
            }
        }
        // External packages are drawn with their package name (lower-case, as in Package.swift's
        // `package:` arguments); targets are the other nodes.
        let targets = Set(names.values.filter { $0.hasPrefix("EGov") || $0.hasPrefix("C") || $0 == "egov" })
        return Diagram(targets: targets, edges: edges)
    }
}

/// What the Swift files under a folder import.
enum Sources {
    static func imports(under path: String) throws -> Set<String> {
        let folder = Repository.root.appendingPathComponent(path)
        guard let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else {
            throw ArchitectureParseError(description: "no folder \(path)")
        }
        var modules: Set<String> = []
        let importLine =
            /^\s*(?:@\w+\s+)*(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+(?:(?:class|struct|enum|protocol|func|var|let|typealias)\s+)?(\w+)/
        for case let url as URL in files {
            switch url.pathExtension {
            case "swift":
                let text = try String(contentsOf: url, encoding: .utf8)
                for line in text.split(separator: "\n") {
                    if let match = line.firstMatch(of: importLine) { modules.insert(String(match.1)) }
                }
            case "c", "h":
                modules.insert("C-sources")
            default:
                continue
            }
        }
        return modules
    }
}
