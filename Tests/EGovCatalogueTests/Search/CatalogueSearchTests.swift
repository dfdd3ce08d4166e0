import EGovIdentity
import EGovCore
import Testing

@testable import EGovCatalogue

@Suite("Catalogue search")
struct CatalogueSearchTests {
    private static let foodLicence = "iam.food-beverage-licence"

    private func index() throws -> CatalogueIndex { CatalogueIndex(catalogue: try Catalogue.sample()) }

    @Test(
        "the food and beverage licence comes first in every language and script",
        arguments: [
            "飲食牌照", "饮食牌照", "licença de estabelecimento de comidas", "licenca de estabelecimento de comidas",
            "LICENÇAS ESTABELECIMENTO COMIDAS", "food and beverage licence",
        ])
    func foodLicenceFirst(query: String) throws {
        let results = try index().search(query)
        #expect(results.first?.service.id.rawValue == Self.foodLicence)
        #expect((results.first?.score ?? 0) > 0)
    }

    @Test("results are ranked by descending score")
    func ranked() throws {
        let results = try index().search("牌照")
        #expect(results.count > 1)
        #expect(zip(results, results.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test("a one-character query matches by unigram")
    func unigram() throws {
        let results = try index().search("犬")
        #expect(results.first?.service.id.rawValue == "iam.dog-licence")
    }

    @Test("nonsense returns nothing", arguments: ["xyzzy qwerty", "zzqx", "鑫鑫鑫"])
    func nonsense(query: String) throws {
        #expect(try index().search(query).isEmpty)
    }

    @Test("filters restrict results")
    func filters() throws {
        let index = try index()
        let cb = try OrganisationID("CB")
        let byDepartment = index.search(CatalogueQuery(text: "", department: cb, limit: 100))
        #expect(!byDepartment.isEmpty)
        #expect(byDepartment.allSatisfy { $0.service.competentAuthorities.contains(cb) })

        let event = try EventID("event.opening-restaurant")
        let byEvent = index.search(CatalogueQuery(text: "牌照", event: event))
        #expect(byEvent.first?.service.id.rawValue == Self.foodLicence)
        #expect(byEvent.allSatisfy { $0.service.events.contains(event) })

        let kiosk = index.search(CatalogueQuery(text: "", channel: .kiosk, limit: 100))
        #expect(!kiosk.isEmpty)
        #expect(kiosk.allSatisfy { $0.service.channels.contains { $0.kind == .kiosk } })

        let online = index.search(CatalogueQuery(text: "", fullyOnlineOnly: true, limit: 100))
        #expect(!online.isEmpty)
        #expect(online.allSatisfy { $0.service.isFullyOnline })

        let none = index.search(CatalogueQuery(text: "飲食牌照", department: try OrganisationID("DSAT")))
        #expect(none.isEmpty)
    }

    @Test("Traditional and Simplified fold to the same key")
    func folding() {
        #expect(ChineseScriptFolding.fold("飲食場所牌照證書") == "饮食场所牌照证书")
        #expect(ChineseScriptFolding.fold("abc") == "abc")
    }
}
