import EGovCore
import EGovIdentity
import EGovSignature
import Foundation

/// Exports a ``Catalogue`` as SEMIC CPSV-AP 3.2 JSON-LD and imports it back.
///
/// The document is `{"@context": [CPSV-AP 3.2.0 context, {prefixes}], "@graph": [...]}` with nodes
/// typed with the context's class terms `PublicOrganization`, `LifeEvent`/`BusinessEvent` and
/// `PublicService`. Properties are compact IRIs in the CPSV-AP vocabulary, as in SEMIC's examples:
/// `dct:identifier`, `dct:title`, `dct:description`, `cv:hasCompetentAuthority`, `cv:hasChannel`
/// (`Channel` with `dct:type`), `cv:hasCost` (`Cost` with `cv:hasValue` and `cv:currency`, an EU
/// currency authority IRI), `cv:processingTime` (an `xsd:duration` literal), `cv:hasLegalResource`
/// (`LegalResource`), `cv:holdsRequirement` (`Requirement` with `cv:hasSupportingEvidence` →
/// `Evidence`), `cpsv:produces` (`Output`), `cv:isGroupedBy`, `dcat:keyword`, `adms:status`,
/// `dct:requires` and `cv:relatedService`; organisations have `skos:prefLabel` and
/// `cv:contactPoint`. Multilingual values are arrays of `{"@value": …, "@language": …}`. Facts
/// CPSV-AP has no term for (assurance and signature level, maturity stage, once-only source,
/// credential `vct`, opening hours as text, per-channel cost) use the `egov:` prefix.
///
/// Not checked against SEMIC's SHACL shapes on this machine (no SHACL engine available); in
/// particular `dct:type` and `adms:status` carry plain codes (`online`, `active`) where the shapes
/// may expect controlled-vocabulary IRIs.
///
/// ``importCatalogue(_:)`` reads what ``export(_:)`` writes; it is not a general JSON-LD processor
/// (no context resolution, expansion or framing). On import, `requires` links come before
/// `related` links.
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
    /// The namespace of the EGovKit extension terms (prefix `egov:`).
    public static let extensionNamespace = "urn:egovkit:catalog#"

    static func node(_ kind: String, _ id: String) -> String { "urn:egovkit:\(kind):\(id)" }

    /// Multilingual text as language-tagged values, sorted by tag.
    public static func languageValues(_ text: LocalizedText) -> JSONValue {
        .array(
            text.languages.compactMap { tag in
                text[tag].map { .object(["@value": .string($0), "@language": .string(tag.rawValue)]) }
            })
    }

    private static func reference(_ iri: String) -> JSONValue { .object(["@id": .string(iri)]) }

    /// The JSON-LD document of a catalogue.
    public static func export(_ catalogue: Catalogue) -> JSONValue {
        var graph: [JSONValue] = []
        for organisation in catalogue.organisations {
            var object: [String: JSONValue] = [
                "@id": .string(node("organisation", organisation.id.rawValue)),
                "@type": .string("PublicOrganization"),
                "dct:identifier": .string(organisation.id.rawValue),
                "skos:prefLabel": languageValues(organisation.name),
            ]
            if !organisation.acronym.isEmpty { object["egov:acronym"] = languageValues(organisation.acronym) }
            if let contact = organisation.contactPoint {
                var point: [String: JSONValue] = ["@type": .string("ContactPoint")]
                if let telephone = contact.telephone { point["cv:telephone"] = .string(telephone) }
                if let email = contact.email { point["cv:email"] = .string(email) }
                if let url = contact.url { point["cv:contactPage"] = .string(url) }
                object["cv:contactPoint"] = .object(point)
            }
            graph.append(.object(object))
        }
        for event in catalogue.events {
            graph.append(
                .object([
                    "@id": .string(node("event", event.id.rawValue)),
                    "@type": .string(event.kind == .life ? "LifeEvent" : "BusinessEvent"),
                    "dct:identifier": .string(event.id.rawValue), "dct:title": languageValues(event.name),
                ]))
        }
        for service in catalogue.services { graph.append(exportService(service)) }
        return .object([
            "@context": .array([
                .string(contextURI),
                .object(
                    prefixes.mapValues { .string($0) }.merging(["egov": .string(extensionNamespace)]) { a, _ in a }),
            ]),
            "egov:catalogueVersion": .string(catalogue.version),
            "@graph": .array(graph),
        ])
    }

    /// The JSON-LD document of a catalogue, serialised as canonical JSON (RFC 8785) bytes.
    ///
    /// - Throws: ``CatalogError/encodingFailed(detail:)``.
    public static func exportData(_ catalogue: Catalogue) throws(CatalogError) -> Data {
        do {
            return Data(try CanonicalJSON.serialize(export(catalogue)))
        } catch {
            throw .encodingFailed(detail: error.reason)
        }
    }

    private static func exportService(_ service: PublicService) -> JSONValue {
        var object: [String: JSONValue] = [
            "@id": .string(node("service", service.id.rawValue)),
            "@type": .string("PublicService"),
            "dct:identifier": .string(service.id.rawValue),
            "egov:code": .string(service.code),
            "dct:title": languageValues(service.title),
            "dct:description": languageValues(service.description),
            "cv:hasCompetentAuthority": .array(
                service.competentAuthorities.map { reference(node("organisation", $0.rawValue)) }),
            "cv:hasChannel": .array(service.channels.map(exportChannel)),
            "cv:hasCost": .array(service.costs.map(exportCost)),
            "cv:hasLegalResource": .array(
                service.legalResources.map {
                    .object([
                        "@id": .string($0.uri), "@type": .string("LegalResource"),
                        "dct:title": languageValues($0.title),
                    ])
                }),
            "cv:holdsRequirement": .array(service.requirements.map(exportRequirement)),
            "cpsv:produces": .array(
                service.outputs.map { output in
                    var object: [String: JSONValue] = [
                        "@type": .string("Output"), "dct:title": languageValues(output.name),
                    ]
                    if let vct = output.vct { object["egov:vct"] = .string(vct) }
                    return .object(object)
                }),
            "cv:isGroupedBy": .array(service.events.map { reference(node("event", $0.rawValue)) }),
            "egov:requiredAssurance": .string(service.requiredAssurance.acr),
            "egov:maturityStage": .number(Double(service.maturity.rawValue)),
            "adms:status": .string(service.status.rawValue),
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

    private static func exportChannel(_ channel: Channel) -> JSONValue {
        var object: [String: JSONValue] = ["@type": .string("Channel"), "dct:type": .string(channel.kind.rawValue)]
        if !channel.openingHours.isEmpty { object["egov:openingHours"] = languageValues(channel.openingHours) }
        if let url = channel.url { object["egov:url"] = .string(url) }
        return .object(object)
    }

    private static func exportCost(_ cost: Cost) -> JSONValue {
        var object: [String: JSONValue] = [
            "@type": .string("Cost"), "cv:hasValue": .number(cost.value),
            "cv:currency": reference(currencyAuthority + cost.currency),
        ]
        if !cost.description.isEmpty { object["dct:description"] = languageValues(cost.description) }
        if let channel = cost.channel { object["egov:ifAccessedThrough"] = .string(channel.rawValue) }
        return .object(object)
    }

    private static func exportRequirement(_ requirement: Requirement) -> JSONValue {
        .object([
            "@type": .string("Requirement"),
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
        ])
    }
}
