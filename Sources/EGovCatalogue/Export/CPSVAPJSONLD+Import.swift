import EGovCore


import Foundation

extension CPSVAPJSONLD {
    /// Reads a catalogue back from the JSON-LD that ``export(_:spatial:)`` writes.
    ///
    /// - Parameters:
    ///   - data: the JSON-LD document, at most `maximumBytes` bytes.
    ///   - maximumBytes: ``Catalogue/maximumBytes`` unless given.
    /// - Throws: ``CatalogueError/tooLarge(limit:)``, ``CatalogueError/malformed(detail:)`` for invalid
    ///   JSON, or ``CatalogueError/unsupportedJSONLD(path:detail:)`` naming the JSON path of the problem.
    public static func importCatalogue(_ data: Data, maximumBytes: Int = Catalogue.maximumBytes)
        throws(CatalogueError) -> Catalogue
    {
        guard data.count <= maximumBytes else { throw .tooLarge(limit: maximumBytes) }
        let document: JSONValue
        do {
            document = try JSONValue.parse(
                Array(data), limits: JSONValue.Limits(maximumBytes: maximumBytes, maximumDepth: 64))
        } catch {
            throw .malformed(detail: error.reason)
        }
        return try importCatalogue(document)
    }

    /// Reads a catalogue back from a parsed JSON-LD document; see ``importCatalogue(_:maximumBytes:)``.
    public static func importCatalogue(_ document: JSONValue) throws(CatalogueError) -> Catalogue {
        var reader = Reader()
        return try reader.catalogue(document)
    }
}

/// Decodes the JSON-LD shape written by ``CPSVAPJSONLD/export(_:spatial:)``.
private struct Reader {
    func fail(_ path: String, _ detail: String) -> CatalogueError { .unsupportedJSONLD(path: path, detail: detail) }

    func object(_ value: JSONValue?, _ path: String) throws(CatalogueError) -> [String: JSONValue] {
        guard case .object(let members)? = value else { throw fail(path, "expected an object") }
        return members
    }

    func array(_ value: JSONValue?, _ path: String) throws(CatalogueError) -> [JSONValue] {
        switch value {
        case nil: return []
        case .array(let items)?: return items
        default: throw fail(path, "expected an array")
        }
    }

    func string(_ value: JSONValue?, _ path: String) throws(CatalogueError) -> String {
        guard case .string(let text)? = value else { throw fail(path, "expected a string") }
        return text
    }

    func optionalString(_ value: JSONValue?, _ path: String) throws(CatalogueError) -> String? {
        value == nil ? nil : try string(value, path)
    }

    /// The node's `@type`: one string or an array of strings.
    func types(_ value: JSONValue?, _ path: String) throws(CatalogueError) -> [String] {
        switch value {
        case .string(let type)?: return [type]
        case .array(let items)? where !items.isEmpty:
            var result: [String] = []
            for (index, item) in items.enumerated() { result.append(try string(item, "\(path)[\(index)]")) }
            return result
        default: throw fail(path, "expected a type or an array of types")
        }
    }

    /// A raw value of an enumeration named by the concept IRI reference `{"@id": "<scheme>/<raw>"}`.
    func concept<T: RawRepresentable>(_ value: JSONValue?, scheme: String, _: T.Type, _ path: String)
        throws(CatalogueError) -> T where T.RawValue == String
    {
        let raw = try iriSuffix(value, prefix: scheme + "/", expected: "a concept of \(scheme)", path)
        guard let result = T(rawValue: raw) else { throw fail("\(path).@id", "unknown concept") }
        return result
    }

    func number(_ value: JSONValue?, _ path: String) throws(CatalogueError) -> Double {
        guard case .number(let number)? = value else { throw fail(path, "expected a number") }
        return number
    }

    func identifier<Tag>(_ text: String, _ path: String) throws(CatalogueError) -> TypedIdentifier<Tag> {
        do {
            return try TypedIdentifier<Tag>(text)
        } catch {
            throw fail(path, error.reason)
        }
    }

    /// The text after `prefix` in the IRI reference `{"@id": "<prefix>…"}`.
    func iriSuffix(_ value: JSONValue?, prefix: String, expected: String, _ path: String) throws(CatalogueError) -> String
    {
        let iri = try string(try object(value, path)["@id"], "\(path).@id")
        guard iri.hasPrefix(prefix) else { throw fail("\(path).@id", "expected \(expected)") }
        return String(iri.dropFirst(prefix.count))
    }

    /// The ISO 4217 code of an EU Publications Office currency IRI reference (`{"@id": …/currency/MOP}`).
    func currencyCode(_ value: JSONValue?, _ path: String) throws(CatalogueError) -> String {
        try iriSuffix(value, prefix: CPSVAPJSONLD.currencyAuthority, expected: "an EU currency authority IRI", path)
    }

    /// The identifier inside a node IRI `urn:egovkit:<kind>:<id>`.
    func reference<Tag>(_ value: JSONValue?, kind: String, _ path: String) throws(CatalogueError)
        -> TypedIdentifier<Tag>
    {
        let suffix = try iriSuffix(value, prefix: "urn:egovkit:\(kind):", expected: "a \(kind) reference", path)
        return try identifier(suffix, "\(path).@id")
    }

    func languageValues(_ value: JSONValue?, _ path: String) throws(CatalogueError) -> [(LanguageTag, String)] {
        var result: [(LanguageTag, String)] = []
        for (index, item) in try array(value, path).enumerated() {
            let itemPath = "\(path)[\(index)]"
            let members = try object(item, itemPath)
            let text = try string(members["@value"], "\(itemPath).@value")
            let tagText = try string(members["@language"], "\(itemPath).@language")
            do {
                result.append((try LanguageTag(tagText), text))
            } catch {
                throw fail("\(itemPath).@language", error.reason)
            }
        }
        return result
    }

    func localized(_ value: JSONValue?, _ path: String) throws(CatalogueError) -> LocalizedText {
        var text = LocalizedText()
        for (tag, value) in try languageValues(value, path) { text[tag] = value }
        return text
    }

    /// A typed `{"@value": <number>, "@type": "xsd:double"}` literal.
    func double(_ value: JSONValue?, _ path: String) throws(CatalogueError) -> Double {
        let literal = try object(value, path)
        guard literal["@type"] == .string("xsd:double") else { throw fail("\(path).@type", "expected xsd:double") }
        return try number(literal["@value"], "\(path).@value")
    }

    mutating func catalogue(_ document: JSONValue) throws(CatalogueError) -> Catalogue {
        let root = try object(document, "$")
        var catalogue = Catalogue()
        var versions: [String] = []
        for (index, item) in try array(root["@graph"], "$.@graph").enumerated() {
            let path = "$.@graph[\(index)]"
            let node = try object(item, path)
            let nodeTypes = try types(node["@type"], "\(path).@type")
            switch nodeTypes.first {
            case "PublicOrganization":
                catalogue.organisations.append(try organisation(node, path))
            case "LifeEvent", "BusinessEvent":
                catalogue.events.append(
                    ServiceEvent(
                        id: try identifier(
                            try string(node["dct:identifier"], "\(path).dct:identifier"), "\(path).dct:identifier"),
                        kind: nodeTypes.first == "LifeEvent" ? .life : .business,
                        name: try localized(node["dct:title"], "\(path).dct:title")))
            case "PublicService":
                catalogue.services.append(try service(node, path))
            case "Concept", "Location":
                continue  // vocabulary nodes the export adds for the shapes; nothing to import
            case "dcat:Catalog":
                guard node["@id"] == .string(CPSVAPJSONLD.catalogueNode) else {
                    throw fail("\(path).@id", "expected \(CPSVAPJSONLD.catalogueNode)")
                }
                versions.append(try string(node["egov:catalogueVersion"], "\(path).egov:catalogueVersion"))
            default:
                throw fail("\(path).@type", "unsupported node type")
            }
        }
        // Any member beside @context and @graph would make the graph a named graph.
        if let extra = root.keys.filter({ $0 != "@context" && $0 != "@graph" }).sorted().first {
            throw fail("$.\(extra)", "unexpected top-level member")
        }
        guard versions.count == 1, let version = versions.first else {
            throw fail("$.@graph", "expected exactly one dcat:Catalog node")
        }
        catalogue.version = version
        return catalogue
    }

    func organisation(_ node: [String: JSONValue], _ path: String) throws(CatalogueError) -> PublicOrganisation {
        var contact: ContactPoint?
        if let value = node["cv:contactPoint"] {
            let point = try object(value, "\(path).cv:contactPoint")
            contact = ContactPoint(
                telephone: try optionalString(point["cv:telephone"], "\(path).contactPoint.telephone"),
                email: try optionalString(point["cv:email"], "\(path).contactPoint.email"),
                url: point["cv:contactPage"] == nil
                    ? nil
                    : try string(
                        try object(point["cv:contactPage"], "\(path).cv:contactPoint.cv:contactPage")["@id"],
                        "\(path).cv:contactPoint.cv:contactPage.@id"))
        }
        return PublicOrganisation(
            id: try identifier(try string(node["dct:identifier"], "\(path).dct:identifier"), "\(path).dct:identifier"),
            name: try localized(node["skos:prefLabel"], "\(path).skos:prefLabel"),
            acronym: try localized(node["egov:acronym"], "\(path).egov:acronym"), contactPoint: contact)
    }

    func service(_ node: [String: JSONValue], _ path: String) throws(CatalogueError) -> PublicService {
        func enumValue<T: RawRepresentable>(_ key: String, _: T.Type) throws(CatalogueError) -> T
        where T.RawValue == String {
            guard let value = T(rawValue: try string(node[key], "\(path).\(key)")) else {
                throw fail("\(path).\(key)", "unknown value")
            }
            return value
        }
        let id: ServiceID = try identifier(
            try string(node["dct:identifier"], "\(path).dct:identifier"), "\(path).dct:identifier")
        var service = PublicService(
            id: id, code: try string(node["egov:code"], "\(path).egov:code"),
            title: try localized(node["dct:title"], "\(path).dct:title"),
            description: try localized(node["dct:description"], "\(path).dct:description"), competentAuthorities: [])
        for (index, item) in try array(node["cv:hasCompetentAuthority"], "\(path).cv:hasCompetentAuthority")
            .enumerated()
        {
            service.competentAuthorities.append(
                try reference(item, kind: "organisation", "\(path).cv:hasCompetentAuthority[\(index)]"))
        }
        for (index, item) in try array(node["cv:hasChannel"], "\(path).cv:hasChannel").enumerated() {
            let itemPath = "\(path).cv:hasChannel[\(index)]"
            let channel = try object(item, itemPath)
            let kind = try concept(
                channel["dct:type"], scheme: CPSVAPJSONLD.channelTypeScheme, Channel.Kind.self, "\(itemPath).dct:type")
            let hoursPath = "\(itemPath).cv:openingHours"
            let hours = try array(channel["cv:openingHours"], hoursPath)
            guard hours.count <= 1 else { throw fail(hoursPath, "expected at most one opening-hours entry") }
            var openingHours = LocalizedText()
            if let entry = hours.first {
                openingHours = try localized(
                    try object(entry, "\(hoursPath)[0]")["dct:description"], "\(hoursPath)[0].dct:description")
            }
            service.channels.append(
                Channel(
                    kind: kind, openingHours: openingHours,
                    url: try optionalString(channel["egov:url"], "\(itemPath).egov:url")))
        }
        for (index, item) in try array(node["cv:hasCost"], "\(path).cv:hasCost").enumerated() {
            let itemPath = "\(path).cv:hasCost[\(index)]"
            let cost = try object(item, itemPath)
            var channel: Channel.Kind?
            if let value = try optionalString(cost["egov:ifAccessedThrough"], "\(itemPath).egov:ifAccessedThrough") {
                guard let kind = Channel.Kind(rawValue: value) else {
                    throw fail("\(itemPath).egov:ifAccessedThrough", "unknown channel type")
                }
                channel = kind
            }
            service.costs.append(
                Cost(
                    value: try double(cost["cv:hasValue"], "\(itemPath).cv:hasValue"),
                    currency: try currencyCode(cost["cv:currency"], "\(itemPath).cv:currency"),
                    description: try localized(cost["dct:description"], "\(itemPath).dct:description"), channel: channel
                ))
        }
        if let value = node["cv:processingTime"] {
            let timePath = "\(path).cv:processingTime"
            let literal = try object(value, timePath)
            guard literal["@type"] == .string("xsd:duration") else {
                throw fail("\(timePath).@type", "processing time must be an xsd:duration literal")
            }
            let duration = try string(literal["@value"], "\(timePath).@value")
            let dayKind: DayKind = try enumValue("egov:dayKind", DayKind.self)
            service.timeLimit = ServiceTimeLimit(duration: duration, dayKind: dayKind)
        }
        for (index, item) in try array(node["cv:hasLegalResource"], "\(path).cv:hasLegalResource").enumerated() {
            let itemPath = "\(path).cv:hasLegalResource[\(index)]"
            let legal = try object(item, itemPath)
            service.legalResources.append(
                LegalResource(
                    title: try localized(legal["dct:title"], "\(itemPath).dct:title"),
                    uri: try string(legal["@id"], "\(itemPath).@id")))
        }
        for (index, item) in try array(node["cpsv:follows"], "\(path).cpsv:follows").enumerated() {
            let itemPath = "\(path).cpsv:follows[\(index)]"
            let rule = try object(item, itemPath)
            var implements: [String] = []
            for (position, legal) in try array(rule["cpsv:implements"], "\(itemPath).cpsv:implements").enumerated() {
                let legalPath = "\(itemPath).cpsv:implements[\(position)]"
                implements.append(try string(try object(legal, legalPath)["@id"], "\(legalPath).@id"))
            }
            service.rules.append(
                Rule(
                    id: try identifier(
                        try string(rule["dct:identifier"], "\(itemPath).dct:identifier"), "\(itemPath).dct:identifier"),
                    title: try localized(rule["dct:title"], "\(itemPath).dct:title"),
                    description: try localized(rule["dct:description"], "\(itemPath).dct:description"),
                    implements: implements))
        }
        let rulePrefix = "\(CPSVAPJSONLD.node("service", id.rawValue))/rule/"
        for (index, item) in try array(node["cv:holdsRequirement"], "\(path).cv:holdsRequirement").enumerated() {
            let itemPath = "\(path).cv:holdsRequirement[\(index)]"
            let requirement = try object(item, itemPath)
            var evidenceTypes: [EvidenceType] = []
            let evidencePath = "\(itemPath).cv:hasSupportingEvidence"
            for (position, evidenceItem) in try array(requirement["cv:hasSupportingEvidence"], evidencePath)
                .enumerated()
            {
                let nodePath = "\(evidencePath)[\(position)]"
                let evidence = try object(evidenceItem, nodePath)
                var source: OrganisationID?
                if let value = evidence["egov:obtainableFrom"] {
                    source = try reference(value, kind: "organisation", "\(nodePath).egov:obtainableFrom")
                }
                evidenceTypes.append(
                    EvidenceType(
                        id: try identifier(
                            try string(evidence["dct:identifier"], "\(nodePath).dct:identifier"),
                            "\(nodePath).dct:identifier"),
                        name: try localized(evidence["dct:title"], "\(nodePath).dct:title"), obtainableFrom: source))
            }
            var criteria: [Criterion] = []
            let criteriaPath = "\(itemPath).cv:hasRequirement"
            for (position, criterionItem) in try array(requirement["cv:hasRequirement"], criteriaPath).enumerated() {
                let nodePath = "\(criteriaPath)[\(position)]"
                let criterion = try object(criterionItem, nodePath)
                guard try types(criterion["@type"], "\(nodePath).@type").contains("cv:Criterion") else {
                    throw fail("\(nodePath).@type", "expected a cv:Criterion")
                }
                criteria.append(
                    Criterion(
                        id: try identifier(
                            try string(criterion["dct:identifier"], "\(nodePath).dct:identifier"),
                            "\(nodePath).dct:identifier"),
                        name: try localized(criterion["dct:title"], "\(nodePath).dct:title"),
                        description: try localized(criterion["dct:description"], "\(nodePath).dct:description")))
            }
            var fulfils: [RuleID] = []
            for (position, rule) in try array(requirement["cv:fulfils"], "\(itemPath).cv:fulfils").enumerated() {
                let rulePath = "\(itemPath).cv:fulfils[\(position)]"
                let suffix = try iriSuffix(rule, prefix: rulePrefix, expected: "a rule of this service", rulePath)
                fulfils.append(try identifier(suffix, "\(rulePath).@id"))
            }
            service.requirements.append(
                Requirement(
                    name: try localized(requirement["dct:title"], "\(itemPath).dct:title"), evidenceTypes: evidenceTypes,
                    criteria: criteria, fulfils: fulfils))
        }
        for (index, item) in try array(node["cpsv:produces"], "\(path).cpsv:produces").enumerated() {
            let itemPath = "\(path).cpsv:produces[\(index)]"
            let output = try object(item, itemPath)
            service.outputs.append(
                ServiceOutput(
                    name: try localized(output["dct:title"], "\(itemPath).dct:title"),
                    vct: try optionalString(output["egov:vct"], "\(itemPath).egov:vct")))
        }
        for (index, item) in try array(node["cv:isGroupedBy"], "\(path).cv:isGroupedBy").enumerated() {
            service.events.append(try reference(item, kind: "event", "\(path).cv:isGroupedBy[\(index)]"))
        }
        let acr = try string(node["egov:requiredAssurance"], "\(path).egov:requiredAssurance")
        guard let assurance = AssuranceLevel(acr: acr) else {
            throw fail("\(path).egov:requiredAssurance", "unknown level of assurance")
        }
        service.requiredAssurance = assurance
        if node["egov:requiredSignature"] != nil {
            service.requiredSignature = try enumValue("egov:requiredSignature", SignatureLevel.self)
        }
        let stage = try number(node["egov:maturityStage"], "\(path).egov:maturityStage")
        guard let maturity = MaturityStage(rawValue: Int(exactly: stage) ?? 0) else {
            throw fail("\(path).egov:maturityStage", "the maturity stage must be 1 to 5")
        }
        service.maturity = maturity
        service.status = try concept(
            node["adms:status"], scheme: CPSVAPJSONLD.serviceStatusScheme, ServiceStatus.self, "\(path).adms:status")
        service.version = try string(node["egov:version"], "\(path).egov:version")
        service.effectiveFrom = try optionalString(node["egov:effectiveFrom"], "\(path).egov:effectiveFrom")
        service.effectiveUntil = try optionalString(node["egov:effectiveUntil"], "\(path).egov:effectiveUntil")
        var keywords: [LanguageTag: [String]] = [:]
        for (tag, word) in try languageValues(node["dcat:keyword"], "\(path).dcat:keyword") {
            keywords[tag, default: []].append(word)
        }
        service.keywords = Keywords(keywords)
        for relation in [RelatedService.Relation.requires, .related] {
            let key = relation == .requires ? "dct:requires" : "cv:relatedService"
            for (index, item) in try array(node[key], "\(path).\(key)").enumerated() {
                service.relatedServices.append(
                    RelatedService(
                        service: try reference(item, kind: "service", "\(path).\(key)[\(index)]"), relation: relation))
            }
        }
        return service
    }
}
