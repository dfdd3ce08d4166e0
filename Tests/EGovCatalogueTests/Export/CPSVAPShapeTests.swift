import EGovCore
import Testing

@testable import EGovCatalogue

/// The SEMIC CPSV-AP 3.2.0 SHACL constraints (Conformance/cpsv-ap/cpsv-ap-SHACL.ttl) that can be
/// checked on the JSON-LD tree without an RDF toolkit: the minimum and maximum counts and the
/// classes of referenced nodes, for every node of the sample catalogue's export. The full pySHACL
/// run is `bash Conformance/cpsv-ap-shacl.sh` (not in CI, which has no pySHACL).
@Suite("CPSV-AP 3.2 SHACL cardinalities and classes")
struct CPSVAPShapeTests {
    /// Every node object in the document (graph nodes and nested nodes), with its types.
    private struct Nodes {
        var all: [(types: Set<String>, members: [String: JSONValue])] = []
        var typesByID: [String: Set<String>] = [:]

        init(_ document: JSONValue) {
            walk(document["@graph"] ?? .array([]))
        }

        private mutating func walk(_ value: JSONValue) {
            switch value {
            case .array(let items): items.forEach { walk($0) }
            case .object(let members):
                var types: Set<String> = []
                switch members["@type"] {
                case .string(let type)?: types.insert(type)
                case .array(let list)?:
                    for case .string(let type) in list { types.insert(type) }
                default: break
                }
                if case .string(let id)? = members["@id"], !types.isEmpty {
                    typesByID[id, default: []].formUnion(types)
                }
                if members["@value"] == nil {
                    if !types.isEmpty { all.append((types, members)) }
                    for (key, member) in members where !key.hasPrefix("@") { walk(member) }
                }
            default: break
            }
        }

        func of(_ type: String) -> [[String: JSONValue]] { all.filter { $0.types.contains(type) }.map(\.members) }
    }

    private static func values(_ value: JSONValue?) -> [JSONValue] {
        switch value {
        case nil: []
        case .array(let items)?: items
        case let single?: [single]
        }
    }

    private let document: JSONValue
    private let nodes: Nodes

    init() throws {
        document = try CPSVAPJSONLD.export(try Catalogue.sample())
        nodes = Nodes(document)
    }

    /// Checks `sh:minCount` / `sh:maxCount` of `property` on every node of `type`.
    private func count(_ type: String, _ property: String, min: Int = 0, max: Int = .max) {
        let found = nodes.of(type)
        #expect(!found.isEmpty, "no \(type) node")
        for node in found {
            let count = Self.values(node[property]).count
            #expect(count >= min && count <= max, "\(type) \(node["dct:identifier"] ?? .null): \(property) × \(count)")
        }
    }

    /// Checks `sh:class`: every value of `property` on nodes of `type` is a node of `target`.
    private func classOf(_ type: String, _ property: String, _ target: String) {
        for node in nodes.of(type) {
            for value in Self.values(node[property]) {
                // An embedded node carries its own @type; a reference {"@id": …} names a typed node.
                var types: Set<String> = []
                switch value["@type"] {
                case .string(let single)?: types.insert(single)
                case .array(let list)?:
                    for case .string(let item) in list { types.insert(item) }
                default: break
                }
                if case .string(let id)? = value["@id"] { types.formUnion(nodes.typesByID[id] ?? []) }
                #expect(types.contains(target), "\(type).\(property) → \(value) is not a \(target)")
            }
        }
    }

    /// Checks `sh:datatype rdf:langString`: every value is a language-tagged string.
    private func languageString(_ type: String, _ property: String) {
        for node in nodes.of(type) {
            for value in Self.values(node[property]) {
                guard case .string? = value["@value"], case .string? = value["@language"] else {
                    Issue.record("\(type).\(property) is not a language-tagged string: \(value)")
                    continue
                }
            }
        }
    }

    @Test("PublicService: identifier 1..1, name and description 1..*, competent authority 1..*, classes")
    func publicService() {
        #expect(nodes.of("PublicService").count == 36)
        count("PublicService", "dct:identifier", min: 1, max: 1)
        count("PublicService", "dct:title", min: 1)
        count("PublicService", "dct:description", min: 1)
        count("PublicService", "cv:hasCompetentAuthority", min: 1)
        count("PublicService", "adms:status", max: 1)
        count("PublicService", "cv:processingTime", max: 1)
        languageString("PublicService", "dct:title")
        languageString("PublicService", "dct:description")
        languageString("PublicService", "dcat:keyword")
        classOf("PublicService", "cv:hasCompetentAuthority", "PublicOrganization")
        classOf("PublicService", "cv:isGroupedBy", "Event")
        classOf("PublicService", "adms:status", "Concept")
        classOf("PublicService", "cv:hasChannel", "Channel")
        classOf("PublicService", "cv:hasLegalResource", "LegalResource")
        classOf("PublicService", "cpsv:follows", "Rule")
        classOf("PublicService", "dct:requires", "PublicService")
        classOf("PublicService", "cv:relatedService", "PublicService")
        for service in nodes.of("PublicService") {
            if let time = service["cv:processingTime"] {
                #expect(time["@type"] == .string("xsd:duration"))
            }
        }
    }

    @Test("PublicOrganisation: preferred label 1..*, spatial 1..* of class Location")
    func publicOrganisation() {
        count("PublicOrganization", "skos:prefLabel", min: 1)
        count("PublicOrganization", "dct:spatial", min: 1)
        languageString("PublicOrganization", "skos:prefLabel")
        classOf("PublicOrganization", "dct:spatial", "Location")
        classOf("ContactPoint", "cv:contactPage", "Document")
    }

    @Test("Channel, Cost, Output, Requirement, Evidence, Event: identifiers 1..1 and typed values")
    func supportingClasses() {
        count("Channel", "dct:identifier", min: 1, max: 1)
        count("Channel", "dct:type", max: 1)
        classOf("Channel", "dct:type", "Concept")
        classOf("Channel", "cv:openingHours", "TemporalEntity")
        languageString("TemporalEntity", "dct:description")
        count("Cost", "dct:identifier", min: 1, max: 1)
        count("Cost", "cv:hasValue", max: 1)
        count("Cost", "cv:currency", max: 1)
        classOf("Cost", "cv:currency", "Concept")
        for cost in nodes.of("Cost") {
            #expect(cost["cv:hasValue"]?["@type"] == .string("xsd:double"), "cv:hasValue is not an xsd:double")
        }
        count("Output", "dct:identifier", min: 1, max: 1)
        count("Output", "dct:title", min: 1)
        count("Requirement", "dct:identifier", min: 1, max: 1)
        count("Requirement", "dct:title", min: 1)
        classOf("Requirement", "cv:hasSupportingEvidence", "Evidence")
        classOf("Requirement", "cv:fulfils", "Rule")
        count("Evidence", "dct:identifier", min: 1, max: 1)
        count("Evidence", "dct:title", min: 1)
        count("Event", "dct:identifier", min: 1, max: 1)
        count("Event", "dct:title", min: 1)
    }

    @Test("Rule: identifier 1..1, name and description 1..*, implements a LegalResource; criteria are Requirements")
    func rulesAndCriteria() {
        #expect(nodes.of("Rule").count == 3)
        count("Rule", "dct:identifier", min: 1, max: 1)
        count("Rule", "dct:title", min: 1)
        count("Rule", "dct:description", min: 1)
        languageString("Rule", "dct:description")
        classOf("Rule", "cpsv:implements", "LegalResource")
        let criteria = nodes.of("cv:Criterion")
        #expect(criteria.count == 3)
        #expect(nodes.all.filter { $0.types.contains("cv:Criterion") }.allSatisfy { $0.types.contains("Requirement") })
    }
}
