import EGovCore
import EGovInterop
import Foundation
import Testing

@Suite("OpenAPI generation")
struct OpenAPIGeneratorTests {
    @Test("the document has the operation, header, bodies, faults and contract extensions")
    func structure() throws {
        let contract = try InteropFixture.contract()
        let document = OpenAPIGenerator.document(for: contract)
        #expect(document["openapi"] == .string("3.1.0"))
        #expect(document["info"]?["version"] == .string("1.0"))
        let operation = try #require(document["paths"]?["/r1/MO/GOV/DSAJ/crcbm/companyRecord/v1"]?["post"])
        #expect(operation["operationId"] == .string("companyRecord"))
        #expect(operation["requestBody"]?["content"]?["application/jose"] != nil)
        for status in ["200", "400", "401", "403", "404", "409", "429", "500", "503"] {
            #expect(operation["responses"]?[status] != nil, "missing \(status)")
        }
        let data = try #require(document["components"]?["schemas"]?["Data"])
        #expect(data["properties"]?["shareCapital"]?["type"] == .string("number"))
        #expect(data["properties"]?["directors"]?["x-egov-personal-data"] == .bool(true))
        #expect(document["components"]?["schemas"]?["Parameters"]?["required"] == .array([.string("registrationNumber")]))
        #expect(document["x-egov-classification"]?["label"]?["zh-Hant-MO"] == .string("有限公開"))
        guard case .array(let purposes)? = document["x-egov-purposes"] else {
            Issue.record("no purposes")
            return
        }
        #expect(purposes.count == 2)
        // Canonical output is stable.
        #expect(try CanonicalJSON.serialize(document) == CanonicalJSON.serialize(OpenAPIGenerator.document(for: contract)))
    }

    static let validatorAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import openapi_spec_validator"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(
        "openapi-spec-validator accepts the generated document (when the validator is installed)",
        .enabled(if: validatorAvailable, "pip install openapi-spec-validator"))
    func externalValidator() throws {
        let bytes = try CanonicalJSON.serialize(OpenAPIGenerator.document(for: try InteropFixture.contract()))
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("egov-openapi-\(UUID().uuidString).json")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "-c",
            "import json,sys; from openapi_spec_validator import validate; validate(json.load(open(sys.argv[1])))",
            url.path,
        ]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 0, "\(text)")
    }
}
