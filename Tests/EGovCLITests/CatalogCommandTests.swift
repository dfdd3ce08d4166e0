import Foundation
import Testing

@Suite("egov catalog")
struct CatalogCommandTests {
    /// The sample catalogue shipped in EGovCatalogue's resources, found from this source file.
    static let sample = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/EGovCatalogue/Resources/sample-catalogue.json").path

    @Test("validate: the sample is valid (0); a dangling reference is reported with its JSON path (1)")
    func validate() async throws {
        let good = try await CLIRunner.egov(["catalog", "validate", Self.sample])
        #expect(good.status == 0, "\(good.stdout)\(good.stderr)")
        #expect(try good.json()["valid"] as? Bool == true)

        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = try String(contentsOfFile: Self.sample, encoding: .utf8)
        // Point the food licence's competent authority at an organisation the catalogue does not define.
        let broken = text.replacingOccurrences(
            of: #""competentAuthorities": [\#n        "IAM","#, with: #""competentAuthorities": [\#n        "NOPE","#)
        #expect(broken != text, "the sample's shape changed; update this test")
        try dir.write("broken.json", broken)
        let bad = try await CLIRunner.egov(["catalog", "validate", dir.path("broken.json")])
        #expect(bad.status == 1)
        #expect(try bad.json()["valid"] as? Bool == false)
        let errors = try #require(try bad.json()["errors"] as? [[String: Any]])
        #expect(!errors.isEmpty)
        #expect(errors.allSatisfy { ($0["path"] as? String)?.hasPrefix("$.services[") == true })

        try dir.write("garbage.json", "{not json")
        let garbage = try await CLIRunner.egov(["catalog", "validate", dir.path("garbage.json")])
        #expect(garbage.status == 65)
    }

    @Test(
        "search finds the food licence in Traditional, Simplified and Portuguese; nonsense finds nothing",
        arguments: ["飲食牌照", "饮食牌照", "licença de estabelecimento de comidas", "licenca comidas"])
    func search(query: String) async throws {
        let result = try await CLIRunner.egov(["catalog", "search", "--query", query, "--limit", "3", Self.sample])
        #expect(result.status == 0, "\(result.stderr)")
        let hits = try #require(try result.json()["results"] as? [[String: Any]])
        #expect(hits.first?["id"] as? String == "iam.food-beverage-licence", "\(hits)")
    }

    @Test("a query matching nothing returns an empty list, not an error")
    func searchNothing() async throws {
        let result = try await CLIRunner.egov(["catalog", "search", "--query", "xyzzy qwerty", Self.sample])
        #expect(result.status == 0)
        #expect((try result.json()["results"] as? [Any])?.isEmpty == true)
        let badLimit = try await CLIRunner.egov(["catalog", "search", "--query", "x", "--limit", "0", Self.sample])
        #expect(badLimit.status == 64)
    }

    @Test("export: CPSV-AP JSON-LD has a context and a graph of PublicService nodes; schema.org has GovernmentService")
    func export() async throws {
        let cpsv = try await CLIRunner.egov(["catalog", "export", "--format", "cpsv-ap", Self.sample])
        #expect(cpsv.status == 0, "\(cpsv.stderr)")
        let document = try cpsv.json()
        #expect(document["@context"] != nil)
        let text = cpsv.stdout
        #expect(text.contains("PublicService"))
        #expect(text.contains("飲食場所牌照"))

        let schema = try await CLIRunner.egov(["catalog", "export", "--format", "schema-org", Self.sample])
        #expect(schema.status == 0, "\(schema.stderr)")
        _ = try JSONSerialization.jsonObject(with: Data(schema.stdout.utf8))
        #expect(schema.stdout.contains("GovernmentService"))
    }
}

@Suite("egov catalog: strict input and IRI-safe identifiers")
struct CatalogStrictCommandTests {
    @Test("a duplicate member exits 65; an identifier that would break an IRI fails validation and export")
    func strictInput() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = try String(contentsOfFile: CatalogCommandTests.sample, encoding: .utf8)
        let duplicated = text.replacingOccurrences(
            of: #""competentAuthorities": [\#n        "IAM","#,
            with: #""competentAuthorities": ["IAM"], "competentAuthorities": [\#n        "IAM","#)
        #expect(duplicated != text, "the sample's shape changed; update this test")
        try dir.write("duplicated.json", duplicated)
        let validate = try await CLIRunner.egov(["catalog", "validate", dir.path("duplicated.json")])
        #expect(validate.status == 65, "\(validate.stdout)\(validate.stderr)")
        #expect(try validate.errorJSON()["reason"]?.contains("competentAuthorities") == true, "\(validate.stderr)")

        let spaced = text.replacingOccurrences(of: #""IAM""#, with: #""IAM 2""#)
        try dir.write("spaced.json", spaced)
        let invalid = try await CLIRunner.egov(["catalog", "validate", dir.path("spaced.json")])
        #expect(invalid.status == 1, "\(invalid.stdout)\(invalid.stderr)")
        let errors = try #require(try invalid.json()["errors"] as? [[String: Any]])
        #expect(errors.contains { $0["code"] as? String == "catalog.validation.invalid_identifier" }, "\(errors)")
        for format in ["cpsv-ap", "schema-org"] {
            let export = try await CLIRunner.egov(["catalog", "export", "--format", format, dir.path("spaced.json")])
            #expect(export.status == 65, "\(format): \(export.stdout)\(export.stderr)")
            #expect(!export.stdout.contains("urn:egovkit:organisation:IAM 2"))
        }
    }
}
