import EGovCore
import Foundation
import Testing

@testable import EGovCatalog

@Suite("Catalog export")
struct CatalogExportTests {
    @Test("CPSV-AP JSON-LD is well-formed JSON with the CPSV-AP context and terms")
    func jsonLDShape() throws {
        let data = try CPSVAPJSONLD.exportData(try Catalogue.sample())
        let document = try JSONValue.parse(Array(data), limits: JSONValue.Limits(maximumBytes: 32 << 20))
        guard case .array(let context)? = document["@context"], case .array(let graph)? = document["@graph"] else {
            Issue.record("missing @context or @graph")
            return
        }
        #expect(context.first == .string(CPSVAPJSONLD.contextURI))
        let services = graph.filter { $0["@type"] == .string("PublicService") }
        #expect(services.count >= 30)
        let food = try #require(services.first { $0["identifier"] == .string("iam.food-beverage-licence") })
        for term in [
            "name", "description", "hasCompetentAuthority", "hasChannel", "hasCost", "hasLegalResource",
            "holdsRequirement", "produces", "isGroupedBy", "keyword", "processingTime",
        ] {
            #expect(food[term] != nil, "missing \(term)")
        }
        guard case .array(let names)? = food["name"] else {
            Issue.record("name is not an array")
            return
        }
        #expect(names.contains(.object(["@value": .string("飲食場所牌照"), "@language": .string("zh-Hant")])))
        #expect(graph.contains { $0["@type"] == .string("PublicOrganisation") })
        #expect(graph.contains { $0["@type"] == .string("BusinessEvent") })
    }

    @Test("CPSV-AP JSON-LD round-trips through import")
    func jsonLDRoundTrip() throws {
        let catalogue = try Catalogue.sample()
        let data = try CPSVAPJSONLD.exportData(catalogue)
        #expect(try CPSVAPJSONLD.importCatalogue(data) == catalogue)
    }

    @Test("JSON-LD import reports the path of a problem")
    func importErrors() throws {
        do {
            _ = try CPSVAPJSONLD.importCatalogue(
                Data(#"{"egov:catalogueVersion":"1","@graph":[{"@type":"Thing"}]}"#.utf8))
            Issue.record("expected an error")
        } catch {
            #expect(error == .unsupportedJSONLD(path: "$.@graph[0].@type", detail: "unsupported node type"))
            #expect(error.code == "catalog.jsonld.unsupported")
        }
    }
}
