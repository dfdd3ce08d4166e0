import Foundation
import Testing

@Suite("egov interop")
struct InteropCommandTests {
    /// The example contract in Documentation/Examples, found from this source file.
    static let example = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Documentation/Examples/company-registry-contract.json").path

    @Test("openapi: prints an OpenAPI 3.1 document for the example contract")
    func openAPI() async throws {
        let result = try await CLIRunner.egov(["interop", "openapi", Self.example])
        #expect(result.status == 0, "\(result.stderr)")
        let document = try result.json()
        #expect(document["openapi"] as? String == "3.1.0")
        let paths = try #require(document["paths"] as? [String: Any])
        #expect(paths["/r1/MO/GOV/DSAJ/crcbm/companyRecord/v1"] != nil)
        #expect((document["x-egov-classification"] as? [String: Any])?["level"] as? String == "limited")
    }

    @Test("validate: the example is valid; a broken contract exits 65 with a code")
    func validate() async throws {
        let good = try await CLIRunner.egov(["interop", "validate", Self.example])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(try good.json()["valid"] as? Bool == true)

        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let text = try String(contentsOfFile: Self.example, encoding: .utf8)
        let broken = text.replacingOccurrences(of: #""fields": ["registrationNumber", "name", "directors"]"#,
            with: #""fields": ["registrationNumber", "name", "passportNumber"]"#)
        #expect(broken != text, "the example's shape changed; update this test")
        try dir.write("broken.json", broken)
        let bad = try await CLIRunner.egov(["interop", "openapi", dir.path("broken.json")])
        #expect(bad.status == 65)
        #expect(try bad.errorJSON()["error"] == "interop.contract.invalid")
        #expect(try bad.errorJSON()["reason"]?.contains("passportNumber") == true)

        try dir.write("garbage.json", "{not json")
        let garbage = try await CLIRunner.egov(["interop", "validate", dir.path("garbage.json")])
        #expect(garbage.status == 65)
        #expect(try garbage.errorJSON()["error"] == "interop.contract.invalid_json")
    }
}
