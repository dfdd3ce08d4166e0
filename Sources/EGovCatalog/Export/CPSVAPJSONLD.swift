import EGovCore
import EGovIdentity
import EGovSignature
import Foundation

/// Exports a ``Catalogue`` as SEMIC CPSV-AP 3.2 JSON-LD and imports it back.
///
/// The document is `{"@context": [CPSV-AP context, {"egov": …}], "@graph": [...]}` with nodes
/// typed `PublicOrganisation`, `LifeEvent`/`BusinessEvent` and `PublicService`. Service properties
/// use CPSV-AP terms: `identifier`, `name`, `description`, `hasCompetentAuthority`, `hasChannel`
/// (`Channel`), `hasCost` (`Cost` with `value`, `currency`, `ifAccessedThrough`), `processingTime`,
/// `hasLegalResource` (`LegalResource`), `holdsRequirement` (`Requirement` with
/// `hasSupportingEvidence` → `Evidence`), `produces` (`Output`), `isGroupedBy`, `keyword`,
/// `status`, `requires` and `related`. Multilingual values are arrays of
/// `{"@value": …, "@language": …}`. Facts CPSV-AP has no term for (assurance and signature level,
/// maturity stage, once-only source, credential `vct`, …) use the `egov:` prefix.
///
/// ``importCatalogue(_:)`` reads what ``export(_:)`` writes; it is not a general JSON-LD processor
/// (no context resolution, expansion or framing). On import, `requires` links come before
/// `related` links.
public enum CPSVAPJSONLD {
    /// The SEMIC CPSV-AP 3.2.0 JSON-LD context.
    public static let contextURI = "https://semiceu.github.io/CPSV-AP/releases/3.2.0/context/cpsv-ap.jsonld"
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
                "@type": .string("PublicOrganisation"),
                "identifier": .string(organisation.id.rawValue),
                "prefLabel": languageValues(organisation.name),
            ]
            if !organisation.acronym.isEmpty { object["egov:acronym"] = languageValues(organisation.acronym) }
            if let contact = organisation.contactPoint {
                var point: [String: JSONValue] = ["@type": .string("ContactPoint")]
                if let telephone = contact.telephone { point["telephone"] = .string(telephone) }
                if let email = contact.email { point["email"] = .string(email) }
                if let url = contact.url { point["contactPage"] = .string(url) }
                object["contactPoint"] = .object(point)
            }
            graph.append(.object(object))
        }
        for event in catalogue.events {
            graph.append(
                .object([
                    "@id": .string(node("event", event.id.rawValue)),
                    "@type": .string(event.kind == .life ? "LifeEvent" : "BusinessEvent"),
                    "identifier": .string(event.id.rawValue), "name": languageValues(event.name),
                ]))
        }
        for service in catalogue.services { graph.append(exportService(service)) }
        return .object([
            "@context": .array([.string(contextURI), .object(["egov": .string(extensionNamespace)])]),
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
            "identifier": .string(service.id.rawValue),
            "egov:code": .string(service.code),
            "name": languageValues(service.title),
            "description": languageValues(service.description),
            "hasCompetentAuthority": .array(
                service.competentAuthorities.map { reference(node("organisation", $0.rawValue)) }),
            "hasChannel": .array(service.channels.map(exportChannel)),
            "hasCost": .array(service.costs.map(exportCost)),
            "hasLegalResource": .array(
                service.legalResources.map {
                    .object([
                        "@id": .string($0.uri), "@type": .string("LegalResource"), "title": languageValues($0.title),
                    ])
                }),
            "holdsRequirement": .array(service.requirements.map(exportRequirement)),
            "produces": .array(
                service.outputs.map { output in
                    var object: [String: JSONValue] = ["@type": .string("Output"), "name": languageValues(output.name)]
                    if let vct = output.vct { object["egov:vct"] = .string(vct) }
                    return .object(object)
                }),
            "isGroupedBy": .array(service.events.map { reference(node("event", $0.rawValue)) }),
            "egov:requiredAssurance": .string(service.requiredAssurance.acr),
            "egov:maturityStage": .number(Double(service.maturity.rawValue)),
            "status": .string(service.status.rawValue),
            "egov:version": .string(service.version),
            "keyword": .array(
                service.keywords.values.keys.sorted { $0.rawValue < $1.rawValue }.flatMap { tag in
                    (service.keywords.values[tag] ?? []).map {
                        JSONValue.object(["@value": .string($0), "@language": .string(tag.rawValue)])
                    }
                }),
            "requires": .array(
                service.relatedServices.filter { $0.relation == .requires }.map {
                    reference(node("service", $0.service.rawValue))
                }),
            "related": .array(
                service.relatedServices.filter { $0.relation == .related }.map {
                    reference(node("service", $0.service.rawValue))
                }),
        ]
        if let limit = service.timeLimit {
            object["processingTime"] = .string(limit.duration)
            object["egov:dayKind"] = .string(limit.dayKind.rawValue)
        }
        if let signature = service.requiredSignature { object["egov:requiredSignature"] = .string(signature.rawValue) }
        if let from = service.effectiveFrom { object["egov:effectiveFrom"] = .string(from) }
        if let until = service.effectiveUntil { object["egov:effectiveUntil"] = .string(until) }
        return .object(object)
    }

    private static func exportChannel(_ channel: Channel) -> JSONValue {
        var object: [String: JSONValue] = ["@type": .string("Channel"), "type": .string(channel.kind.rawValue)]
        if !channel.openingHours.isEmpty { object["openingHours"] = languageValues(channel.openingHours) }
        if let url = channel.url { object["egov:url"] = .string(url) }
        return .object(object)
    }

    private static func exportCost(_ cost: Cost) -> JSONValue {
        var object: [String: JSONValue] = [
            "@type": .string("Cost"), "value": .number(cost.value), "currency": .string(cost.currency),
        ]
        if !cost.description.isEmpty { object["description"] = languageValues(cost.description) }
        if let channel = cost.channel { object["ifAccessedThrough"] = .string(channel.rawValue) }
        return .object(object)
    }

    private static func exportRequirement(_ requirement: Requirement) -> JSONValue {
        .object([
            "@type": .string("Requirement"),
            "name": languageValues(requirement.name),
            "hasSupportingEvidence": .array(
                requirement.evidenceTypes.map { evidence in
                    var object: [String: JSONValue] = [
                        "@id": .string(node("evidence", evidence.id.rawValue)),
                        "@type": .string("Evidence"),
                        "identifier": .string(evidence.id.rawValue),
                        "name": languageValues(evidence.name),
                    ]
                    if let source = evidence.obtainableFrom {
                        object["egov:obtainableFrom"] = reference(node("organisation", source.rawValue))
                    }
                    return .object(object)
                }),
        ])
    }
}
