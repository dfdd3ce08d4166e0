import EGovCore
import EGovInterop
import EGovTesting
import Foundation
import Testing

@Suite("Data service contracts")
struct ContractTests {
    static let exampleURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Documentation/Examples/company-registry-contract.json")

    @Test("the documented example contract loads and validates")
    func example() throws {
        let contract = try DataServiceContract.decode(from: Array(try Data(contentsOf: Self.exampleURL)))
        #expect(contract.service.text == "MO/GOV/DSAJ/crcbm/companyRecord/v1")
        #expect(contract.classification == .limited)
        #expect(contract.classification.label[.zhHantMO] == "有限公開")
        #expect(contract.purposes.count == 3)
        #expect(contract.effectiveConsentCategory == "company-directors")
        #expect(contract.validity.contains(TestPKI.referenceDate))
    }

    @Test("Codable round trip keeps the contract")
    func roundTrip() throws {
        let contract = try InteropFixture.contract()
        let bytes = try contract.canonicalJSON()
        #expect(try DataServiceContract.decode(from: bytes) == contract)
    }

    @Test("validation lists every broken rule with its path")
    func validation() throws {
        var contract = try InteropFixture.contract()
        contract.id = "bad id"
        contract.purposes[0].fields.append("notAField")
        contract.purposes[1].legalBasis = "  "
        contract.response.append(FieldDefinition(name: "name", type: .string))
        contract.response.append(FieldDefinition(name: "9lives", type: .string))
        contract.rateLimit = RateLimit(maximumRequests: 0, periodSeconds: 60)
        contract.validity = ContractValidity(from: TestPKI.referenceDate, until: TestPKI.referenceDate)
        contract.consumers.append(contract.consumers[0])
        let codes = Set(contract.validate().map(\.code))
        #expect(
            codes == [
                "interop.contract.invalid_id", "interop.contract.unknown_field", "interop.contract.invalid_legal_basis",
                "interop.contract.duplicate_field", "interop.contract.invalid_field_name",
                "interop.contract.invalid_rate_limit", "interop.contract.empty_validity",
                "interop.contract.duplicate_consumer",
            ])
        #expect(contract.validate().contains { $0.path == "$.purposes[0].fields[4]" })
    }

    @Test("malformed contract text: strict JSON, shape, size")
    func malformed() throws {
        #expect(throws: ContractError.self) { try DataServiceContract.decode(from: Array("{".utf8)) }
        do {
            _ = try DataServiceContract.decode(from: Array(#"{"id":"a","id":"b"}"#.utf8))
            Issue.record("duplicate keys accepted")
        } catch {
            #expect(error.code == "interop.contract.invalid_json")
        }
        var text = try String(contentsOf: Self.exampleURL, encoding: .utf8)
        text = text.replacingOccurrences(of: #""classification": "limited""#, with: #""classification": "secret""#)
        do {
            _ = try DataServiceContract.decode(from: Array(text.utf8))
            Issue.record("unknown classification accepted")
        } catch {
            #expect(error.code == "interop.contract.invalid_shape")
            #expect(error.reason.contains("classification"))
        }
        let bad = try String(contentsOf: Self.exampleURL, encoding: .utf8)
            .replacingOccurrences(of: "MO/GOV/IAM/licensing", with: "MO/GOV/IAM/lic ensing")
        #expect(throws: ContractError.self) { try DataServiceContract.decode(from: Array(bad.utf8)) }
        let huge = [UInt8](repeating: 0x20, count: DataServiceContract.maximumBytes + 1)
        #expect(throws: ContractError.tooLarge(limit: DataServiceContract.maximumBytes)) {
            try DataServiceContract.decode(from: huge)
        }
    }

    @Test("registry: publish, look up by time, refuse duplicates and invalid contracts")
    func registry() async throws {
        let registry = InMemoryContractRegistry()
        let contract = try InteropFixture.contract()
        try await registry.publish(contract)
        await #expect(throws: ContractError.duplicate(id: contract.id, version: "1.0")) {
            try await registry.publish(contract)
        }
        var next = contract
        next.version = "2.0"
        next.validity = ContractValidity(from: TestPKI.referenceDate + 86_400, until: TestPKI.referenceDate + TestPKI.year)
        try await registry.publish(next)
        var invalid = contract
        invalid.version = "3.0"
        invalid.purposes = []
        await #expect(throws: ContractError.self) { try await registry.publish(invalid) }
        let service = try InteropFixture.service()
        #expect(try await registry.contract(for: service, at: TestPKI.referenceDate)?.version == "1.0")
        #expect(try await registry.contract(for: service, at: TestPKI.referenceDate + 2 * 86_400)?.version == "2.0")
        #expect(try await registry.contract(for: service, at: TestPKI.referenceDate - 1) == nil)
        #expect(try await registry.contracts().map(\.version) == ["1.0", "2.0"])
    }

    @Test("consumer matching: exact subsystem, or a member entry admits its subsystems")
    func consumers() throws {
        var contract = try InteropFixture.contract()
        #expect(contract.allows(try InteropFixture.consumerID()))
        #expect(!contract.allows(try InteropFixture.outsiderID()))
        #expect(!contract.allows(try XRoadClientID(parsing: "MO/GOV/IAM/other")))
        contract.consumers = [try XRoadClientID(parsing: "MO/GOV/IAM")]
        #expect(contract.allows(try XRoadClientID(parsing: "MO/GOV/IAM/other")))
    }
}
