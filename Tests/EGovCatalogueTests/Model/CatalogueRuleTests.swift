import EGovCore
import EGovIdentity
import Foundation
import Testing

@testable import EGovCatalogue

@Suite("Catalogue rules and criteria")
struct CatalogueRuleTests {
    private func issue(_ issues: [CatalogueIssue], _ code: String, _ path: String) -> Bool {
        issues.contains { $0.code == "catalog.validation.\(code)" && $0.path == path }
    }

    @Test("the food licence follows a rule that its requirements fulfil, with criteria in three languages")
    func sampleRules() throws {
        let catalogue = try Catalogue.sample()
        let food = try #require(catalogue.service(try ServiceID("iam.food-beverage-licence")))
        let rule = try #require(food.rules.first)
        #expect(rule.id.rawValue == "rule.licensing-conditions")
        #expect(rule.title.missingLanguages(required: [.zhHant, .pt, .en]).isEmpty)
        #expect(rule.implements == food.legalResources.map(\.uri))
        let fulfilling = food.requirements.filter { $0.fulfils.contains(rule.id) }
        #expect(fulfilling.count == 3)
        let criteria = food.requirements.flatMap(\.criteria)
        #expect(criteria.map(\.id.rawValue).contains("criterion.fire-safety-opinion-favourable"))
        for criterion in criteria {
            #expect(criterion.name.missingLanguages(required: [.zhHant, .pt, .en]).isEmpty)
        }
        #expect(catalogue.services.filter { !$0.rules.isEmpty }.count == 3)
    }

    @Test("native JSON without rules, criteria or fulfils still decodes (catalogues written before them)")
    func olderNativeJSON() throws {
        var catalogue = try Catalogue.sample()
        for index in catalogue.services.indices {
            catalogue.services[index].rules = []
            for position in catalogue.services[index].requirements.indices {
                catalogue.services[index].requirements[position].criteria = []
                catalogue.services[index].requirements[position].fulfils = []
            }
        }
        guard case .object(var root) = try JSONValue.parse(Array(try CatalogueJSON.encode(catalogue))),
            case .array(let services)? = root["services"]
        else {
            Issue.record("unexpected native JSON shape")
            return
        }
        root["services"] = .array(
            services.map { service in
                guard case .object(var members) = service else { return service }
                members["rules"] = nil
                if case .array(let requirements)? = members["requirements"] {
                    members["requirements"] = .array(
                        requirements.map { requirement in
                            guard case .object(var fields) = requirement else { return requirement }
                            fields["criteria"] = nil
                            fields["fulfils"] = nil
                            return .object(fields)
                        })
                }
                return .object(members)
            })
        let older = Data(try CanonicalJSON.serialize(.object(root)))
        #expect(!String(decoding: older, as: UTF8.self).contains("\"fulfils\""))
        #expect(try CatalogueJSON.decode(older) == catalogue)
    }

    @Test("native JSON and CPSV-AP JSON-LD keep rules, criteria and fulfils")
    func roundTrips() throws {
        let catalogue = try Catalogue.sample()
        #expect(try CatalogueJSON.decode(try CatalogueJSON.encode(catalogue)) == catalogue)
        let imported = try CPSVAPJSONLD.importCatalogue(try CPSVAPJSONLD.exportData(catalogue))
        #expect(imported.services.map(\.rules) == catalogue.services.map(\.rules))
        #expect(imported.services.map(\.requirements) == catalogue.services.map(\.requirements))
    }

    @Test("a fulfils link to a rule of another service does not import")
    func foreignRuleReference() throws {
        let catalogue = try Catalogue.sample()
        let food = try #require(catalogue.services.firstIndex { $0.id.rawValue == "iam.food-beverage-licence" })
        let worker = try #require(catalogue.services.firstIndex { $0.id.rawValue == "dsal.non-resident-worker-permit" })
        var document = try CPSVAPJSONLD.export(catalogue)
        // Point the food licence's first fulfils link at the worker permit's rule node.
        let foreign = CPSVAPJSONLD.ruleNode(catalogue.services[worker].id, catalogue.services[worker].rules[0].id)
        guard case .object(var root) = document, case .array(var graph)? = root["@graph"] else {
            Issue.record("no graph")
            return
        }
        let offset = catalogue.organisations.count + catalogue.events.count + food
        guard case .object(var service) = graph[offset], case .array(var requirements)? = service["cv:holdsRequirement"],
            let position = requirements.firstIndex(where: { $0["cv:fulfils"] != .array([]) }),
            case .object(var requirement) = requirements[position]
        else {
            Issue.record("no requirement with fulfils")
            return
        }
        requirement["cv:fulfils"] = .array([.object(["@id": .string(foreign)])])
        requirements[position] = .object(requirement)
        service["cv:holdsRequirement"] = .array(requirements)
        graph[offset] = .object(service)
        root["@graph"] = .array(graph)
        document = .object(root)
        #expect(throws: CatalogueError.self) { try CPSVAPJSONLD.importCatalogue(document) }
    }

    @Test("the validator reports duplicate, unresolved and untranslated rules and criteria")
    func validation() throws {
        var catalogue = try Catalogue.sample()
        let index = try #require(catalogue.services.firstIndex { $0.id.rawValue == "iam.food-beverage-licence" })
        var service = catalogue.services[index]
        let rule = try #require(service.rules.first)
        var copy = rule
        copy.title[.pt] = nil
        copy.description = LocalizedText()
        copy.implements = ["https://example.invalid/not-listed"]
        service.rules.append(copy)
        service.requirements[0].fulfils = [try RuleID("rule.missing")]
        service.requirements[0].criteria = [
            Criterion(id: try CriterionID("criterion.health-inspection-passed"), name: [.en: "duplicate"])
        ]
        catalogue.services[index] = service
        let issues = CatalogueValidator().validate(catalogue)
        let path = "$.services[\(index)]"
        #expect(issue(issues, "duplicate_id", "\(path).rules[1].id"))
        #expect(issue(issues, "missing_language", "\(path).rules[1].title.pt"))
        #expect(issue(issues, "required", "\(path).rules[1].description"))
        #expect(issue(issues, "unresolved_reference", "\(path).rules[1].implements[0]"))
        #expect(issue(issues, "unresolved_reference", "\(path).requirements[0].fulfils[0]"))
        #expect(issue(issues, "missing_language", "\(path).requirements[0].criteria[0].name.zh-Hant"))
        let hygiene = try #require(service.requirements.firstIndex { $0.name[.en] == "Hygiene compliance" })
        #expect(issue(issues, "duplicate_id", "\(path).requirements[\(hygiene)].criteria[0].id"))
    }
}
