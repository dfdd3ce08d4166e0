import EGovCore
import Foundation
import Testing

@testable import EGovCatalogue

@Suite("Catalogue export")
struct CatalogueExportTests {
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
        let food = try #require(services.first { $0["dct:identifier"] == .string("iam.food-beverage-licence") })
        for term in [
            "dct:title", "dct:description", "cv:hasCompetentAuthority", "cv:hasChannel", "cv:hasCost",
            "cv:hasLegalResource", "cv:holdsRequirement", "cpsv:produces", "cv:isGroupedBy", "dcat:keyword",
            "cv:processingTime",
        ] {
            #expect(food[term] != nil, "missing \(term)")
        }
        guard case .array(let names)? = food["dct:title"] else {
            Issue.record("dct:title is not an array")
            return
        }
        #expect(names.contains(.object(["@value": .string("飲食場所牌照"), "@language": .string("zh-Hant")])))
        #expect(graph.contains { $0["@type"] == .string("PublicOrganization") })
        #expect(graph.contains { $0["@type"] == .array([.string("BusinessEvent"), .string("Event")]) })
    }

    @Test(
        "every property is a compact IRI with a declared prefix; every type is a class term of the 3.2.0 context or CCCEV's Criterion"
    )
    func jsonLDVocabulary() throws {
        let document = try CPSVAPJSONLD.export(try Catalogue.sample())
        guard case .array(let context)? = document["@context"], case .object(let declared)? = context.last else {
            Issue.record("the context does not end with a prefix object")
            return
        }
        #expect(declared["cv"] == .string("http://data.europa.eu/m8g/"))
        #expect(declared["dct"] == .string("http://purl.org/dc/terms/"))
        #expect(declared["cpsv"] == .string("http://purl.org/vocab/cpsv#"))
        // Class terms defined by releases/3.2.0/context/cpsv-ap_en.jsonld (SEMICeu/CPSV-AP), and the
        // classes the CPSV-AP context lacks, as compact IRIs: CCCEV's Criterion in the cv namespace
        // and DCAT's Catalog for the node that carries the catalogue's version.
        let classTerms: Set<String> = [
            "PublicService", "PublicOrganization", "LifeEvent", "BusinessEvent", "Event", "Channel", "Cost",
            "Requirement", "Evidence", "Output", "LegalResource", "ContactPoint", "Rule", "Concept", "Document",
            "Location", "TemporalEntity", "cv:Criterion", "dcat:Catalog",
        ]
        var properties: Set<String> = []
        var types: Set<String> = []
        func walk(_ value: JSONValue) {
            switch value {
            case .object(let members):
                for (key, member) in members {
                    if key == "@type", case .string(let type) = member { types.insert(type) }
                    if key == "@type", case .array(let list) = member {
                        for item in list {
                            guard case .string(let type) = item else {
                                Issue.record("a @type array holds a non-string")
                                continue
                            }
                            types.insert(type)
                        }
                    }
                    if !key.hasPrefix("@") { properties.insert(key) }
                    walk(member)
                }
            case .array(let items): items.forEach(walk)
            default: break
            }
        }
        guard case .array(let graph)? = document["@graph"] else {
            Issue.record("missing @graph")
            return
        }
        graph.forEach(walk)
        for property in properties {
            let prefix = property.split(separator: ":", maxSplits: 1).first.map(String.init) ?? ""
            #expect(property.contains(":") && declared[prefix] != nil, "undeclared or bare property \(property)")
        }
        types.remove("xsd:duration")
        types.remove("xsd:double")
        #expect(types.isSubset(of: classTerms), "types outside the context: \(types.subtracting(classTerms))")
        let food = try #require(graph.first { $0["dct:identifier"] == .string("iam.food-beverage-licence") })
        #expect(food["cv:processingTime"]?["@type"] == .string("xsd:duration"))
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
