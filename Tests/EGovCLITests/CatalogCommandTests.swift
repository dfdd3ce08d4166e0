import Foundation
import Testing

@Suite("egov catalog")
struct CatalogCommandTests {
    /// The sample catalogue shipped in EGovCatalog's resources, found from this source file.
    static let sample = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/EGovCatalog/Resources/sample-catalogue.json").path

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
