import EGovCore


import Foundation

/// Exports a ``Catalogue`` as SEMIC CPSV-AP 3.2 JSON-LD and imports it back.
///
/// The document is `{"@context": [CPSV-AP 3.2.0 context, {prefixes}], "@graph": [...]}` with nodes
/// typed with the context's class terms (`PublicOrganization`, `LifeEvent`/`BusinessEvent` with
/// `Event`, `PublicService`, `Rule`, `Channel`, `Cost`, …). Properties are compact IRIs in the
/// CPSV-AP vocabulary, as in SEMIC's examples: `dct:identifier`, `dct:title`, `dct:description`,
/// `cv:hasCompetentAuthority`, `cv:hasChannel` (`Channel` with an identifier, a `dct:type` concept
/// and `cv:openingHours` → `TemporalEntity`), `cv:hasCost` (`Cost` with an identifier, an
/// `xsd:double` `cv:hasValue` and `cv:currency`, an EU currency authority concept),
/// `cv:processingTime` (an `xsd:duration` literal), `cv:hasLegalResource` (`LegalResource`),
/// `cpsv:follows` (`Rule` with `cpsv:implements` → the legal resource), `cv:holdsRequirement`
/// (`Requirement` with an identifier, `cv:hasSupportingEvidence` → `Evidence`, `cv:fulfils` →
/// `Rule` and `cv:hasRequirement` → CCCEV `cv:Criterion`), `cpsv:produces` (`Output` with an
/// identifier), `cv:isGroupedBy`, `dcat:keyword`, `adms:status` (a concept), `dct:requires` and
/// `cv:relatedService`; organisations have `skos:prefLabel`, `dct:spatial` (a `Location`) and
/// `cv:contactPoint` (with `cv:contactPage` → `Document`). Multilingual values are arrays of
/// `{"@value": …, "@language": …}`. Facts CPSV-AP has no term for (assurance and signature level,
/// maturity stage, once-only source, credential `vct`, channel address, per-channel cost) use the
/// `egov:` prefix.
///
/// Every node the shapes require to be of a class is typed in the document itself: the channel
/// type and status concepts (EGovKit concept schemes under ``extensionNamespace``, since CPSV-AP
/// names no vocabulary for them), the currency concepts and the spatial `Location` are emitted as
/// nodes of the graph. Channels, costs, requirements and outputs get the identifiers the shapes
/// require from their position (`<service>/channel/1`, …). The export of the sample catalogue
/// conforms to SEMIC's CPSV-AP 3.2.0 SHACL shapes: see `Conformance/cpsv-ap-shacl.sh` and
/// Documentation/Conformance.md.
///
/// Every triple is in the default graph: the top-level object has only `@context` and `@graph`,
/// and the catalogue's own version is on a `dcat:Catalog` node of the graph
/// (`{"@id": "urn:egovkit:catalogue", "@type": "dcat:Catalog", "egov:catalogueVersion": …}`; the
/// CPSV-AP shapes do not constrain `dcat:Catalog`). A member beside `@graph` would make the graph
/// a named graph under JSON-LD 1.1.
///
/// Identifiers become parts of node IRIs (`urn:egovkit:organisation:<id>`), so the export throws
/// ``CatalogueError/invalidIRI(path:)`` rather than write an identifier that is not IRI-safe
/// (`IRISafety`) or an address that is not an IRI; ``CatalogueValidator`` reports the same values.
///
/// ``importCatalogue(_:)`` reads what ``export(_:spatial:)`` writes; it is not a general JSON-LD
/// processor (no context resolution, expansion or framing). On import, `requires` links come
/// before `related` links.
public enum CPSVAPJSONLD {
    /// The SEMIC CPSV-AP 3.2.0 JSON-LD context, as referenced by the release's own examples.
    public static let contextURI =
        "https://semiceu.github.io/uri.semic.eu-generated/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld"
    /// The namespace prefixes the document's property names use. The official context defines
    /// class-scoped terms (`PublicService.name`) rather than bare property names, so properties
    /// are written as compact IRIs (`dct:title`, `cv:hasCompetentAuthority`), as in the release's
    /// examples; the class names (`PublicService`, `PublicOrganization`, …) are the context's terms.
    public static let prefixes: [String: String] = [
        "adms": "http://www.w3.org/ns/adms#",
        "cpsv": "http://purl.org/vocab/cpsv#",
        "cv": "http://data.europa.eu/m8g/",
        "dcat": "http://www.w3.org/ns/dcat#",
        "dct": "http://purl.org/dc/terms/",
        "skos": "http://www.w3.org/2004/02/skos/core#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    ]
    /// The EU Publications Office currency authority table; a cost's currency is `<this>MOP`.
    public static let currencyAuthority = "http://publications.europa.eu/resource/authority/currency/"
    /// The EU Publications Office country authority table.
    public static let countryAuthority = "http://publications.europa.eu/resource/authority/country/"
    /// The default `dct:spatial` of every organisation: Macao in the EU country authority table.
    public static let macaoSpatial = countryAuthority + "MAC"
    /// The namespace of the EGovKit extension terms (prefix `egov:`).
    public static let extensionNamespace = "urn:egovkit:catalog#"
    /// The concept scheme of channel types; a channel's `dct:type` is `<this>/online` and so on.
    public static let channelTypeScheme = extensionNamespace + "channel-type"
    /// The concept scheme of service statuses; `adms:status` is `<this>/active` and so on.
    public static let serviceStatusScheme = extensionNamespace + "service-status"

    /// The IRI of the catalogue node, which carries the catalogue's version.
    public static let catalogueNode = "urn:egovkit:catalogue"

    static func node(_ kind: String, _ id: String) -> String { "urn:egovkit:\(kind):\(id)" }

    /// Multilingual text as language-tagged values, sorted by tag.
    public static func languageValues(_ text: LocalizedText) -> JSONValue {
        .array(
            text.languages.compactMap { tag in
                text[tag].map { .object(["@value": .string($0), "@language": .string(tag.rawValue)]) }
            })
    }

    static func reference(_ iri: String) -> JSONValue { .object(["@id": .string(iri)]) }

    /// The JSON-LD document of a catalogue.
    ///
    /// - Parameters:
    ///   - catalogue: the catalogue.
    ///   - spatial: the administrative region every organisation covers (`dct:spatial`, which the
    ///     shapes require); Macao unless given.
    /// - Throws: ``CatalogueError/invalidIRI(path:)`` naming the first identifier or address that
    ///   cannot be written into an IRI (the path `spatial` for the `spatial` argument).
    public static func export(_ catalogue: Catalogue, spatial: String = macaoSpatial) throws(CatalogueError)
        -> JSONValue
    {
        try checkIRIs(catalogue, spatial: spatial)
        var graph: [JSONValue] = []
        for organisation in catalogue.organisations {
            var object: [String: JSONValue] = [
                "@id": .string(node("organisation", organisation.id.rawValue)),
                "@type": .string("PublicOrganization"),
                "dct:identifier": .string(organisation.id.rawValue),
                "skos:prefLabel": languageValues(organisation.name),
                "dct:spatial": reference(spatial),
            ]
            if !organisation.acronym.isEmpty { object["egov:acronym"] = languageValues(organisation.acronym) }
            if let contact = organisation.contactPoint {
                var point: [String: JSONValue] = ["@type": .string("ContactPoint")]
                if let telephone = contact.telephone { point["cv:telephone"] = .string(telephone) }
                if let email = contact.email { point["cv:email"] = .string(email) }
                if let url = contact.url {
                    point["cv:contactPage"] = .object(["@id": .string(url), "@type": .string("Document")])
                }
                object["cv:contactPoint"] = .object(point)
            }
            graph.append(.object(object))
        }
        for event in catalogue.events {
            graph.append(
                .object([
                    "@id": .string(node("event", event.id.rawValue)),
                    "@type": .array([.string(event.kind == .life ? "LifeEvent" : "BusinessEvent"), .string("Event")]),
                    "dct:identifier": .string(event.id.rawValue), "dct:title": languageValues(event.name),
                ]))
        }
        for service in catalogue.services { graph.append(exportService(service)) }
        graph.append(contentsOf: vocabularyNodes(catalogue, spatial: spatial))
        graph.append(
            .object([
                "@id": .string(catalogueNode), "@type": .string("dcat:Catalog"),
                "egov:catalogueVersion": .string(catalogue.version),
            ]))
        return .object([
            "@context": .array([
                .string(contextURI),
                .object(
                    prefixes.mapValues { .string($0) }.merging(["egov": .string(extensionNamespace)]) { a, _ in a }),
            ]),
            "@graph": .array(graph),
        ])
    }

    /// Throws for the first value the document would write into an IRI that is not IRI-safe.
    static func checkIRIs(_ catalogue: Catalogue, spatial: String) throws(CatalogueError) {
        guard IRISafety.isIRIReference(spatial) else { throw .invalidIRI(path: "spatial") }
        if let issue = CatalogueValidator.iriIssues(catalogue, forExport: true).first {
            throw .invalidIRI(path: issue.path)
        }
    }

    /// The concept and location nodes the shapes need typed: channel types and statuses (all of
    /// them), the currencies the costs use, and the spatial location.
    private static func vocabularyNodes(_ catalogue: Catalogue, spatial: String) -> [JSONValue] {
        func concept(_ iri: String, scheme: String, notation: String) -> JSONValue {
            .object([
                "@id": .string(iri), "@type": .string("Concept"), "skos:notation": .string(notation),
                "skos:inScheme": reference(scheme),
            ])
        }
        var nodes: [JSONValue] = Channel.Kind.allCases.map {
            concept(channelType($0), scheme: channelTypeScheme, notation: $0.rawValue)
        }
        nodes += ServiceStatus.allCases.map { concept(status($0), scheme: serviceStatusScheme, notation: $0.rawValue) }
        let currencies = Set(catalogue.services.flatMap { $0.costs.map(\.currency) }).sorted()
        nodes += currencies.map {
            concept(currencyAuthority + $0, scheme: String(currencyAuthority.dropLast()), notation: $0)
        }
        if !catalogue.organisations.isEmpty {
            nodes.append(.object(["@id": .string(spatial), "@type": .string("Location")]))
        }
        return nodes
    }

    /// The concept IRI of a channel kind.
    static func channelType(_ kind: Channel.Kind) -> String { "\(channelTypeScheme)/\(kind.rawValue)" }

    /// The concept IRI of a service status.
    static func status(_ status: ServiceStatus) -> String { "\(serviceStatusScheme)/\(status.rawValue)" }

    /// The node IRI of a rule of a service.
    static func ruleNode(_ service: ServiceID, _ rule: RuleID) -> String {
        "\(node("service", service.rawValue))/rule/\(rule.rawValue)"
    }

    /// The node IRI of a criterion of a service.
    static func criterionNode(_ service: ServiceID, _ criterion: CriterionID) -> String {
        "\(node("service", service.rawValue))/criterion/\(criterion.rawValue)"
    }

    /// The JSON-LD document of a catalogue, serialised as canonical JSON (RFC 8785) bytes.
    ///
    /// - Throws: ``CatalogueError/invalidIRI(path:)`` (see ``export(_:spatial:)``) or
    ///   ``CatalogueError/encodingFailed(detail:)``.
    public static func exportData(_ catalogue: Catalogue, spatial: String = macaoSpatial) throws(CatalogueError)
        -> Data
    {
        let document = try export(catalogue, spatial: spatial)
        do {
            return Data(try CanonicalJSON.serialize(document))
        } catch {
            throw .encodingFailed(detail: error.reason)
        }
    }

    private static func exportService(_ service: PublicService) -> JSONValue {
        let id = service.id
        func positional(_ kind: String, _ index: Int) -> JSONValue { .string("\(id.rawValue)/\(kind)/\(index + 1)") }
        var object: [String: JSONValue] = [
            "@id": .string(node("service", id.rawValue)),
            "@type": .string("PublicService"),
            "dct:identifier": .string(id.rawValue),
            "egov:code": .string(service.code),
            "dct:title": languageValues(service.title),
            "dct:description": languageValues(service.description),
            "cv:hasCompetentAuthority": .array(
                service.competentAuthorities.map { reference(node("organisation", $0.rawValue)) }),
            "cv:hasChannel": .array(
                service.channels.enumerated().map { exportChannel($1, identifier: positional("channel", $0)) }),
            "cv:hasCost": .array(
                service.costs.enumerated().map { exportCost($1, identifier: positional("cost", $0)) }),
            "cv:hasLegalResource": .array(
                service.legalResources.map {
                    .object([
                        "@id": .string($0.uri), "@type": .string("LegalResource"),
                        "dct:title": languageValues($0.title),
                    ])
                }),
            "cpsv:follows": .array(
                service.rules.map { rule in
                    .object([
                        "@id": .string(ruleNode(id, rule.id)), "@type": .string("Rule"),
                        "dct:identifier": .string(rule.id.rawValue), "dct:title": languageValues(rule.title),
                        "dct:description": languageValues(rule.description),
                        "cpsv:implements": .array(rule.implements.map(reference)),
                    ])
                }),
            "cv:holdsRequirement": .array(
                service.requirements.enumerated().map {
                    exportRequirement($1, service: id, identifier: positional("requirement", $0))
                }),
            "cpsv:produces": .array(
                service.outputs.enumerated().map { index, output in
                    var object: [String: JSONValue] = [
                        "@type": .string("Output"), "dct:identifier": positional("output", index),
                        "dct:title": languageValues(output.name),
                    ]
                    if let vct = output.vct { object["egov:vct"] = .string(vct) }
                    return .object(object)
                }),
            "cv:isGroupedBy": .array(service.events.map { reference(node("event", $0.rawValue)) }),
            "egov:requiredAssurance": .string(service.requiredAssurance.acr),
            "egov:maturityStage": .number(Double(service.maturity.rawValue)),
            "adms:status": reference(status(service.status)),
            "egov:version": .string(service.version),
            "dcat:keyword": .array(
                service.keywords.values.keys.sorted { $0.rawValue < $1.rawValue }.flatMap { tag in
                    (service.keywords.values[tag] ?? []).map {
                        JSONValue.object(["@value": .string($0), "@language": .string(tag.rawValue)])
                    }
                }),
            "dct:requires": .array(
                service.relatedServices.filter { $0.relation == .requires }.map {
                    reference(node("service", $0.service.rawValue))
                }),
            "cv:relatedService": .array(
                service.relatedServices.filter { $0.relation == .related }.map {
                    reference(node("service", $0.service.rawValue))
                }),
        ]
        if let limit = service.timeLimit {
            object["cv:processingTime"] = .object(["@value": .string(limit.duration), "@type": .string("xsd:duration")])
            object["egov:dayKind"] = .string(limit.dayKind.rawValue)
        }
        if let signature = service.requiredSignature { object["egov:requiredSignature"] = .string(signature.rawValue) }
        if let from = service.effectiveFrom { object["egov:effectiveFrom"] = .string(from) }
        if let until = service.effectiveUntil { object["egov:effectiveUntil"] = .string(until) }
        return .object(object)
    }

    private static func exportChannel(_ channel: Channel, identifier: JSONValue) -> JSONValue {
        var object: [String: JSONValue] = [
            "@type": .string("Channel"), "dct:identifier": identifier,
            "dct:type": reference(channelType(channel.kind)),
        ]
        if !channel.openingHours.isEmpty {
            object["cv:openingHours"] = .array([
                .object([
                    "@type": .string("TemporalEntity"), "dct:description": languageValues(channel.openingHours),
                ])
            ])
        }
        if let url = channel.url { object["egov:url"] = .string(url) }
        return .object(object)
    }

    private static func exportCost(_ cost: Cost, identifier: JSONValue) -> JSONValue {
        var object: [String: JSONValue] = [
            "@type": .string("Cost"), "dct:identifier": identifier,
            "cv:hasValue": .object(["@value": .number(cost.value), "@type": .string("xsd:double")]),
            "cv:currency": reference(currencyAuthority + cost.currency),
        ]
        if !cost.description.isEmpty { object["dct:description"] = languageValues(cost.description) }
        if let channel = cost.channel { object["egov:ifAccessedThrough"] = .string(channel.rawValue) }
        return .object(object)
    }

    private static func exportRequirement(_ requirement: Requirement, service: ServiceID, identifier: JSONValue)
        -> JSONValue
    {
        .object([
            "@type": .string("Requirement"),
            "dct:identifier": identifier,
            "dct:title": languageValues(requirement.name),
            "cv:hasSupportingEvidence": .array(
                requirement.evidenceTypes.map { evidence in
                    var object: [String: JSONValue] = [
                        "@id": .string(node("evidence", evidence.id.rawValue)),
                        "@type": .string("Evidence"),
                        "dct:identifier": .string(evidence.id.rawValue),
                        "dct:title": languageValues(evidence.name),
                    ]
                    if let source = evidence.obtainableFrom {
                        object["egov:obtainableFrom"] = reference(node("organisation", source.rawValue))
                    }
                    return .object(object)
                }),
            "cv:hasRequirement": .array(
                requirement.criteria.map { criterion in
                    var object: [String: JSONValue] = [
                        "@id": .string(criterionNode(service, criterion.id)),
                        "@type": .array([.string("Requirement"), .string("cv:Criterion")]),
                        "dct:identifier": .string(criterion.id.rawValue),
                        "dct:title": languageValues(criterion.name),
                    ]
                    if !criterion.description.isEmpty {
                        object["dct:description"] = languageValues(criterion.description)
                    }
                    return .object(object)
                }),
            "cv:fulfils": .array(requirement.fulfils.map { reference(ruleNode(service, $0)) }),
        ])
    }
}
