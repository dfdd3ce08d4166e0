import EGovCore
import EGovInterop
import EGovTesting
import Foundation
import Testing

@Suite("Once-only evidence exchange over loopback HTTP")
struct EvidenceExchangeTests {
    struct CertificateSource: EvidenceSource {
        func evidence(for request: EvidenceRequest, accepted: AcceptedRequest) async throws -> EvidenceOutcome {
            if request.previewRequested { return .previewRequired(reference: "preview-0042") }
            switch request.evidenceType {
            case "company-registration-certificate":
                return .success([
                    "certificateNumber": .string("CRC-2026-77"), "issuedOn": .string("2026-01-01"),
                    "companyName": .string("Example Trading Lda."), "directors": .string("not for this purpose"),
                ])
            case "pending": return .unavailable(retryAfter: TestPKI.referenceDate + 7200)
            default: return .failure(.unknownEvidenceType)
            }
        }
    }

    static func contract() throws -> DataServiceContract {
        DataServiceContract(
            id: "crcbm-evidence", version: "1", service: try XRoadServiceID(parsing: "MO/GOV/DSAJ/crcbm/evidence"),
            title: [.en: "Company evidence"], description: [.en: "Registration certificates"],
            request: EvidenceRequest.requestSchema,
            response: [
                FieldDefinition(name: "certificateNumber", type: .string),
                FieldDefinition(name: "issuedOn", type: .date),
                FieldDefinition(name: "companyName", type: .string),
                FieldDefinition(name: "directors", type: .string, personalData: true),
            ],
            classification: .limited, consumers: [try InteropFixture.consumerID()],
            purposes: [
                ContractPurpose(
                    code: "food-licence-application", legalBasis: InteropFixture.foodBasis, consentRequired: false,
                    fields: ["certificateNumber", "issuedOn", "companyName"])
            ],
            retentionDays: 90,
            validity: ContractValidity(from: TestPKI.referenceDate, until: TestPKI.referenceDate + TestPKI.year))
    }

    @Test("success, unavailable, failure and preview-required outcomes arrive signed and verified")
    func outcomes() async throws {
        let fixture = try await InteropFixture(
            dataSource: EvidenceDataSource(CertificateSource()), contracts: [try Self.contract()])
        let evidence = EvidenceClient(client: try fixture.client())
        let service = try XRoadServiceID(parsing: "MO/GOV/DSAJ/crcbm/evidence")
        func ask(_ type: String, preview: Bool = false) async throws -> EvidenceOutcome {
            try await evidence.requestEvidence(
                EvidenceRequest(evidenceType: type, subject: "acct-7f3a", procedure: "IAM-food-licence", previewRequested: preview),
                from: service, userID: "officer-17", purpose: "food-licence-application",
                legalBasis: InteropFixture.foodBasis, caseReference: "LIC-2026-0001")
        }
        let first = try await ask("company-registration-certificate")
        if case .success(let data) = first {
            #expect(data.keys.sorted() == ["certificateNumber", "companyName", "issuedOn"])
        } else {
            Issue.record("expected success, got \(first)")
        }
        #expect(try await ask("pending") == .unavailable(retryAfter: TestPKI.referenceDate + 7200))
        #expect(try await ask("tax-clearance") == .failure(.unknownEvidenceType))
        #expect(try await ask("company-registration-certificate", preview: true) == .previewRequired(reference: "preview-0042"))
        // An evidence request without a subject is the consumer's fault, not the provider's.
        do {
            _ = try await fixture.client().request(
                InteropQuery(
                    service: service, userID: "officer-17", purpose: "food-licence-application",
                    legalBasis: InteropFixture.foodBasis,
                    parameters: EvidenceRequest(evidenceType: "x", subject: "-", procedure: "p").parameters))
            Issue.record("an evidence request without subject was served")
        } catch let error as InteropError {
            #expect(error.failure == .malformedRequest)
        }
        await fixture.stop()
    }
}
