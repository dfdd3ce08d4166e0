import EGovCore
import EGovIdentity
import EGovSignature
import Foundation

extension CPSVAPJSONLD {
    /// Reads a catalogue back from the JSON-LD that ``export(_:)`` writes.
    ///
    /// - Parameters:
    ///   - data: the JSON-LD document, at most `maximumBytes` bytes.
    ///   - maximumBytes: ``Catalogue/maximumBytes`` unless given.
    /// - Throws: ``CatalogError/tooLarge(limit:)``, ``CatalogError/malformed(detail:)`` for invalid
    ///   JSON, or ``CatalogError/unsupportedJSONLD(path:detail:)`` naming the JSON path of the problem.
    public static func importCatalogue(_ data: Data, maximumBytes: Int = Catalogue.maximumBytes)
        throws(CatalogError) -> Catalogue
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
    public static func importCatalogue(_ document: JSONValue) throws(CatalogError) -> Catalogue {
        var reader = Reader()
        return try reader.catalogue(document)
    }
}

/// Decodes the JSON-LD shape written by ``CPSVAPJSONLD/export(_:)``.
private struct Reader {
    func fail(_ path: String, _ detail: String) -> CatalogError { .unsupportedJSONLD(path: path, detail: detail) }

    func object(_ value: JSONValue?, _ path: String) throws(CatalogError) -> [String: JSONValue] {
        guard case .object(let members)? = value else { throw fail(path, "expected an object") }
        return members
    }

    func array(_ value: JSONValue?, _ path: String) throws(CatalogError) -> [JSONValue] {
        switch value {
        case nil: return []
        case .array(let items)?: return items
        default: throw fail(path, "expected an array")
        }
    }

    func string(_ value: JSONValue?, _ path: String) throws(CatalogError) -> String {
        guard case .string(let text)? = value else { throw fail(path, "expected a string") }
        return text
    }

    func optionalString(_ value: JSONValue?, _ path: String) throws(CatalogError) -> String? {
        value == nil ? nil : try string(value, path)
    }

    func number(_ value: JSONValue?, _ path: String) throws(CatalogError) -> Double {
        guard case .number(let number)? = value else { throw fail(path, "expected a number") }
        return number
    }

    func identifier<Tag>(_ text: String, _ path: String) throws(CatalogError) -> TypedIdentifier<Tag> {
        do {
            return try TypedIdentifier<Tag>(text)
        } catch {
            throw fail(path, error.reason)
        }
    }

    /// The text after `prefix` in the IRI reference `{"@id": "<prefix>…"}`.
    func iriSuffix(_ value: JSONValue?, prefix: String, expected: String, _ path: String) throws(CatalogError) -> String
    {
        let iri = try string(try object(value, path)["@id"], "\(path).@id")
        guard iri.hasPrefix(prefix) else { throw fail("\(path).@id", "expected \(expected)") }
        return String(iri.dropFirst(prefix.count))
    }

    /// The ISO 4217 code of an EU Publications Office currency IRI reference (`{"@id": …/currency/MOP}`).
    func currencyCode(_ value: JSONValue?, _ path: String) throws(CatalogError) -> String {
        try iriSuffix(value, prefix: CPSVAPJSONLD.currencyAuthority, expected: "an EU currency authority IRI", path)
    }

    /// The identifier inside a node IRI `urn:egovkit:<kind>:<id>`.
    func reference<Tag>(_ value: JSONValue?, kind: String, _ path: String) throws(CatalogError)
        -> TypedIdentifier<Tag>
    {
        let suffix = try iriSuffix(value, prefix: "urn:egovkit:\(kind):", expected: "a \(kind) reference", path)
        return try identifier(suffix, "\(path).@id")
    }

    func languageValues(_ value: JSONValue?, _ path: String) throws(CatalogError) -> [(LanguageTag, String)] {
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

    func localized(_ value: JSONValue?, _ path: String) throws(CatalogError) -> LocalizedText {
        var text = LocalizedText()
        for (tag, value) in try languageValues(value, path) { text[tag] = value }
        return text
    }

    mutating func catalogue(_ document: JSONValue) throws(CatalogError) -> Catalogue {
        let root = try object(document, "$")
        var catalogue = Catalogue(version: try string(root["egov:catalogueVersion"], "$.egov:catalogueVersion"))
        for (index, item) in try array(root["@graph"], "$.@graph").enumerated() {
            let path = "$.@graph[\(index)]"
            let node = try object(item, path)
            switch try string(node["@type"], "\(path).@type") {
            case "PublicOrganization":
                catalogue.organisations.append(try organisation(node, path))
            case "LifeEvent", "BusinessEvent":
                catalogue.events.append(
                    ServiceEvent(
                        id: try identifier(
                            try string(node["dct:identifier"], "\(path).dct:identifier"), "\(path).dct:identifier"),
                        kind: node["@type"] == .string("LifeEvent") ? .life : .business,
                        name: try localized(node["dct:title"], "\(path).dct:title")))
            case "PublicService":
                catalogue.services.append(try service(node, path))
            default:
                throw fail("\(path).@type", "unsupported node type")
            }
        }
        return catalogue
    }

    func organisation(_ node: [String: JSONValue], _ path: String) throws(CatalogError) -> PublicOrganisation {
        var contact: ContactPoint?
        if let value = node["cv:contactPoint"] {
            let point = try object(value, "\(path).cv:contactPoint")
            contact = ContactPoint(
                telephone: try optionalString(point["cv:telephone"], "\(path).contactPoint.telephone"),
                email: try optionalString(point["cv:email"], "\(path).contactPoint.email"),
                url: try optionalString(point["cv:contactPage"], "\(path).contactPoint.contactPage"))
        }
        return PublicOrganisation(
            id: try identifier(try string(node["dct:identifier"], "\(path).dct:identifier"), "\(path).dct:identifier"),
            name: try localized(node["skos:prefLabel"], "\(path).skos:prefLabel"),
            acronym: try localized(node["egov:acronym"], "\(path).egov:acronym"), contactPoint: contact)
    }

    func service(_ node: [String: JSONValue], _ path: String) throws(CatalogError) -> PublicService {
        func enumValue<T: RawRepresentable>(_ key: String, _: T.Type) throws(CatalogError) -> T
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
            guard let kind = Channel.Kind(rawValue: try string(channel["dct:type"], "\(itemPath).dct:type")) else {
                throw fail("\(itemPath).dct:type", "unknown channel type")
            }
            service.channels.append(
                Channel(
                    kind: kind,
                    openingHours: try localized(channel["egov:openingHours"], "\(itemPath).egov:openingHours"),
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
                    value: try number(cost["cv:hasValue"], "\(itemPath).cv:hasValue"),
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
            service.requirements.append(
                Requirement(
                    name: try localized(requirement["dct:title"], "\(itemPath).dct:title"), evidenceTypes: evidenceTypes
                ))
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
        service.status = try enumValue("adms:status", ServiceStatus.self)
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
