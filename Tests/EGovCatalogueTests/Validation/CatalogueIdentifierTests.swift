import EGovCore
import EGovIdentity
import Foundation
import Testing

@testable import EGovCatalogue

/// Identifiers become IRIs (`urn:egovkit:organisation:<id>`, …) in the CPSV-AP and schema.org
/// exports, so the validator refuses identifiers that would make a broken IRI and the exporters
/// throw rather than emit one.
@Suite("Catalogue identifiers and evidence")
struct CatalogueIdentifierTests {
    private func issue(_ issues: [CatalogueIssue], _ code: String, _ path: String) -> Bool {
        issues.contains { $0.code == "catalog.validation.\(code)" && $0.path == path }
    }

    static let unsafe = ["DSAJ 2", "DSAJ>2", "DSAJ\"2", "澳門", "DSAJ/2", "DSAJ#2", "DSAJ%202", "DSAJ<2", "DSAJ{2}"]

    /// The sample with its first organisation renamed to `id` everywhere it is referenced.
    private func renamingFirstOrganisation(to id: String) throws -> Catalogue {
        var catalogue = try Catalogue.sample()
        let old = catalogue.organisations[0].id
        let new = try OrganisationID(id)
        catalogue.organisations[0].id = new
        for index in catalogue.services.indices {
            catalogue.services[index].competentAuthorities = catalogue.services[index].competentAuthorities.map {
                $0 == old ? new : $0
            }
            for requirement in catalogue.services[index].requirements.indices {
                for evidence in catalogue.services[index].requirements[requirement].evidenceTypes.indices
                where catalogue.services[index].requirements[requirement].evidenceTypes[evidence].obtainableFrom == old {
                    catalogue.services[index].requirements[requirement].evidenceTypes[evidence].obtainableFrom = new
                }
            }
        }
        return catalogue
    }

    @Test("an organisation identifier that would make a broken IRI is refused", arguments: unsafe)
    func unsafeOrganisationIdentifier(id: String) throws {
        let catalogue = try renamingFirstOrganisation(to: id)
        let issues = CatalogueValidator().validate(catalogue)
        #expect(issue(issues, "invalid_identifier", "$.organisations[0].id"), "\(issues)")
        #expect(throws: CatalogueError.self) { try CPSVAPJSONLD.export(catalogue) }
        #expect(throws: CatalogueError.self) { try SchemaOrgExport.export(catalogue) }
    }

    @Test("service, event, rule, criterion and evidence identifiers are checked too")
    func otherIdentifiers() throws {
        var catalogue = try Catalogue.sample()
        catalogue.services[0].id = try ServiceID("iam food")
        catalogue.events[0].id = try EventID("event>1")
        let withRule = try #require(catalogue.services.firstIndex { !$0.rules.isEmpty })
        catalogue.services[withRule].rules[0].id = try RuleID("rule\"1")
        let withEvidence = try #require(
            catalogue.services.firstIndex { $0.requirements.contains { !$0.evidenceTypes.isEmpty } })
        let requirement = try #require(
            catalogue.services[withEvidence].requirements.firstIndex { !$0.evidenceTypes.isEmpty })
        catalogue.services[withEvidence].requirements[requirement].evidenceTypes[0].id = try EvidenceTypeID("證明")
        let issues = CatalogueValidator().validate(catalogue)
        #expect(issue(issues, "invalid_identifier", "$.services[0].id"), "\(issues)")
        #expect(issue(issues, "invalid_identifier", "$.events[0].id"), "\(issues)")
        #expect(issue(issues, "invalid_identifier", "$.services[\(withRule)].rules[0].id"), "\(issues)")
        #expect(
            issue(
                issues, "invalid_identifier",
                "$.services[\(withEvidence)].requirements[\(requirement)].evidenceTypes[0].id"), "\(issues)")
        #expect(throws: CatalogueError.self) { try CPSVAPJSONLD.export(catalogue) }
    }

    @Test("a contact page or legal resource address with characters an IRI cannot hold is refused")
    func unsafeAddresses() throws {
        var catalogue = try Catalogue.sample()
        let withContact = try #require(catalogue.organisations.firstIndex { $0.contactPoint?.url != nil })
        catalogue.organisations[withContact].contactPoint?.url = "https://www.gov.mo/a\"b"
        let withLegal = try #require(catalogue.services.firstIndex { !$0.legalResources.isEmpty })
        let legal = catalogue.services[withLegal].legalResources[0].uri
        catalogue.services[withLegal].legalResources[0].uri = legal + "<x>"
        for index in catalogue.services[withLegal].rules.indices {
            catalogue.services[withLegal].rules[index].implements = catalogue.services[withLegal].rules[index].implements
                .map { $0 == legal ? legal + "<x>" : $0 }
        }
        let issues = CatalogueValidator().validate(catalogue)
        #expect(issue(issues, "invalid_url", "$.organisations[\(withContact)].contactPoint.url"), "\(issues)")
        #expect(issue(issues, "invalid_url", "$.services[\(withLegal)].legalResources[0].uri"), "\(issues)")
        #expect(throws: CatalogueError.self) { try CPSVAPJSONLD.export(catalogue) }
    }

    @Test("the sample's identifiers are IRI-safe and export without error")
    func sampleExports() throws {
        let catalogue = try Catalogue.sample()
        #expect(CatalogueValidator().validate(catalogue).isEmpty)
        _ = try CPSVAPJSONLD.export(catalogue)
        _ = try SchemaOrgExport.export(catalogue)
    }

    @Test("a requirement with no evidence type can never be satisfied and is refused")
    func requirementWithoutEvidence() throws {
        var catalogue = try Catalogue.sample()
        let service = try #require(catalogue.services.firstIndex { !$0.requirements.isEmpty })
        catalogue.services[service].requirements[0].evidenceTypes = []
        let issues = CatalogueValidator().validate(catalogue)
        #expect(issue(issues, "no_evidence", "$.services[\(service)].requirements[0].evidenceTypes"), "\(issues)")
    }
}
