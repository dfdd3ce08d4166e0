import EGovIdentity
import EGovCore
import Testing

@testable import EGovCatalogue

@Suite("Catalogue validation")
struct CatalogueValidationTests {
    private func issue(_ issues: [CatalogueIssue], _ code: String, _ path: String) -> Bool {
        issues.contains { $0.code == "catalog.validation.\(code)" && $0.path == path }
    }

    @Test("the sample catalogue validates clean")
    func sampleIsClean() throws {
        let issues = CatalogueValidator().validate(try Catalogue.sample())
        #expect(issues.isEmpty, "\(issues)")
    }

    @Test("every broken rule is reported with a JSON path")
    func reportsEveryIssue() throws {
        var catalogue = try Catalogue.sample()
        catalogue.services[3].title[.pt] = nil
        catalogue.services[4].description = LocalizedText()
        catalogue.services[5].competentAuthorities = []
        catalogue.services[6].competentAuthorities.append(try OrganisationID("NOPE"))
        catalogue.services[7].timeLimit = ServiceTimeLimit(duration: "30 days")
        catalogue.services[8].relatedServices.append(
            RelatedService(service: try ServiceID("missing"), relation: .related))
        catalogue.services[9].requirements = [
            Requirement(
                name: [.zhHant: "證明", .pt: "prova", .en: "proof"],
                evidenceTypes: [
                    EvidenceType(
                        id: try EvidenceTypeID("e"), name: [.en: "x"], obtainableFrom: try OrganisationID("GHOST"))
                ])
        ]
        catalogue.services[10].costs = [Cost(value: -1, currency: "mop", channel: .kiosk)]
        catalogue.services[10].channels = [Channel(kind: .online, url: "ftp://x")]
        catalogue.services[11].effectiveFrom = "2024-13-01"
        catalogue.organisations[0].name[.en] = nil
        catalogue.services.append(catalogue.services[0])

        let issues = CatalogueValidator().validate(catalogue)
        #expect(issue(issues, "missing_language", "$.services[3].title.pt"))
        #expect(issue(issues, "required", "$.services[4].description"))
        #expect(issue(issues, "required", "$.services[5].competentAuthorities"))
        let authorityCount = catalogue.services[6].competentAuthorities.count
        #expect(issue(issues, "unresolved_reference", "$.services[6].competentAuthorities[\(authorityCount - 1)]"))
        #expect(issue(issues, "invalid_duration", "$.services[7].timeLimit.duration"))
        let linkCount = catalogue.services[8].relatedServices.count
        #expect(issue(issues, "unresolved_reference", "$.services[8].relatedServices[\(linkCount - 1)].service"))
        #expect(
            issue(issues, "unresolved_reference", "$.services[9].requirements[0].evidenceTypes[0].obtainableFrom"))
        #expect(issue(issues, "invalid_cost", "$.services[10].costs[0].value"))
        #expect(issue(issues, "invalid_cost", "$.services[10].costs[0].currency"))
        #expect(issue(issues, "unresolved_reference", "$.services[10].costs[0].channel"))
        #expect(issue(issues, "invalid_url", "$.services[10].channels[0].url"))
        #expect(issue(issues, "invalid_date", "$.services[11].effectiveFrom"))
        #expect(issue(issues, "missing_language", "$.organisations[0].name.en"))
        #expect(issue(issues, "duplicate_id", "$.services[\(catalogue.services.count - 1)].id"))
    }

    @Test("a cycle of requires links is reported")
    func requiresCycle() throws {
        var catalogue = try Catalogue.sample()
        let first = catalogue.services[0].id
        let second = catalogue.services[1].id
        catalogue.services[0].relatedServices = [RelatedService(service: second, relation: .requires)]
        catalogue.services[1].relatedServices = [RelatedService(service: first, relation: .requires)]
        let issues = CatalogueValidator().validate(catalogue).filter { $0.code == "catalog.validation.requires_cycle" }
        #expect(issues.count == 1)
        #expect(issues.first?.path == "$.services[1].relatedServices[0]")
        // "related" links may point both ways.
        catalogue.services[1].relatedServices = [RelatedService(service: first, relation: .related)]
        #expect(CatalogueValidator().validate(catalogue).isEmpty)
    }

    @Test(
        "ISO 8601 durations",
        arguments: [
            ("P30D", true), ("PT2H", true), ("P1Y2M10DT2H30M", true), ("P2W", true), ("P", false), ("PT", false),
            ("30D", false), ("P1DT", false), ("PD", false), ("P1H", false), ("P1D2Y", false),
        ])
    func durations(text: String, valid: Bool) {
        #expect(CatalogueValidator.isISO8601Duration(text) == valid)
    }
}
