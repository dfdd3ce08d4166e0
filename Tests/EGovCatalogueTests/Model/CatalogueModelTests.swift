import EGovIdentity
import EGovCore
import Foundation
import Testing

@testable import EGovCatalogue

@Suite("Catalogue model")
struct CatalogueModelTests {
    @Test("the sample catalogue loads with at least 30 services and 8 departments in 3 languages")
    func sampleLoads() throws {
        let catalogue = try Catalogue.sample()
        #expect(catalogue.services.count >= 30)
        #expect(catalogue.organisations.count >= 8)
        let used = Set(catalogue.services.flatMap(\.competentAuthorities))
        #expect(used.count >= 8)
        for service in catalogue.services {
            #expect(service.title.missingLanguages(required: [.zhHant, .pt, .en]).isEmpty)
        }
    }

    @Test("the food and beverage licence is cross-department with once-only evidence")
    func foodLicence() throws {
        let catalogue = try Catalogue.sample()
        let id = try ServiceID("iam.food-beverage-licence")
        let service = try #require(catalogue.service(id))
        #expect(service.title[.pt]?.lowercased().contains("licença de estabelecimento de comidas") == true)
        #expect(service.competentAuthorities.count >= 3)
        let sources = Set(service.evidenceTypes.compactMap(\.obtainableFrom).map(\.rawValue))
        #expect(sources.isSuperset(of: ["CB", "SS", "CRP"]))
    }

    @Test("native JSON round-trips")
    func nativeRoundTrip() throws {
        let catalogue = try Catalogue.sample()
        let data = try CatalogueJSON.encode(catalogue)
        #expect(try Catalogue.load(from: data) == catalogue)
    }

    @Test("oversized and malformed input are rejected with catalog codes")
    func rejectsBadInput() {
        #expect(throws: CatalogueError.tooLarge(limit: 4)) {
            try Catalogue.load(from: Data("{}   ".utf8), maximumBytes: 4)
        }
        do {
            _ = try Catalogue.load(from: Data(#"{"version":"1","organisations":[],"events":[]}"#.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == "catalog.load.malformed")
        }
    }
}
