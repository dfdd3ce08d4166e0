import EGovCore
import Foundation

/// A schema.org view of the catalogue: one `GovernmentService` per service, with its provider
/// (`GovernmentOrganization`), channels (`ServiceChannel`), processing time and keywords, and
/// multilingual names as language-tagged JSON-LD values. For search engines and portals; the
/// authoritative exchange format is ``CPSVAPJSONLD``.
public enum SchemaOrgExport {
    /// The schema.org JSON-LD context.
    public static let contextURI = "https://schema.org"

    /// The catalogue as a JSON-LD `@graph` of `GovernmentService` nodes.
    ///
    /// - Throws: ``CatalogueError/invalidIRI(path:)`` rather than write an identifier that is not
    ///   IRI-safe into a node IRI (see ``CPSVAPJSONLD/export(_:spatial:)``).
    public static func export(_ catalogue: Catalogue) throws(CatalogueError) -> JSONValue {
        try CPSVAPJSONLD.checkIRIs(catalogue, spatial: CPSVAPJSONLD.macaoSpatial)
        let services: [JSONValue] = catalogue.services.map { service in
            var node: [String: JSONValue] = [
                "@type": .string("GovernmentService"),
                "@id": .string("urn:egovkit:service:\(service.id.rawValue)"),
                "identifier": .string(service.code),
                "name": CPSVAPJSONLD.languageValues(service.title),
                "description": CPSVAPJSONLD.languageValues(service.description),
                "areaServed": .object(["@type": .string("AdministrativeArea"), "name": .string("Macao")]),
                "provider": .array(
                    service.competentAuthorities.map { id in
                        var organisation: [String: JSONValue] = [
                            "@type": .string("GovernmentOrganization"),
                            "@id": .string("urn:egovkit:organisation:\(id.rawValue)"),
                        ]
                        if let found = catalogue.organisation(id) {
                            organisation["name"] = CPSVAPJSONLD.languageValues(found.name)
                        }
                        return .object(organisation)
                    }),
                "availableChannel": .array(
                    service.channels.map { channel in
                        var value: [String: JSONValue] = [
                            "@type": .string("ServiceChannel"), "name": .string(channel.kind.rawValue),
                        ]
                        if let url = channel.url { value["serviceUrl"] = .string(url) }
                        return .object(value)
                    }),
            ]
            if let timeLimit = service.timeLimit { node["processingTime"] = .string(timeLimit.duration) }
            let keywords = service.keywords.all
            if !keywords.isEmpty { node["keywords"] = .string(keywords.joined(separator: ", ")) }
            return .object(node)
        }
        return .object(["@context": .string(contextURI), "@graph": .array(services)])
    }
}
