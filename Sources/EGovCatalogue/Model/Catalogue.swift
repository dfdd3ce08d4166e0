
import EGovCore
import Foundation

/// A catalogue of public organisations, events and public services.
///
/// The native JSON form is the synthesised `Codable` form of this type; see ``CatalogueJSON``.
public struct Catalogue: Sendable, Hashable, Codable {
    /// The largest catalogue document accepted by ``load(from:maximumBytes:)``: 32 MiB.
    public static let maximumBytes = 32 << 20

    /// The catalogue's own version, e.g. `2025.1`.
    public var version: String
    /// The competent departments.
    public var organisations: [PublicOrganisation]
    /// The life and business events that group services.
    public var events: [ServiceEvent]
    /// The services.
    public var services: [PublicService]

    /// Creates a catalogue.
    public init(
        version: String = "1", organisations: [PublicOrganisation] = [], events: [ServiceEvent] = [],
        services: [PublicService] = []
    ) {
        self.version = version
        self.organisations = organisations
        self.events = events
        self.services = services
    }

    /// The organisation with `id`, if any.
    public func organisation(_ id: OrganisationID) -> PublicOrganisation? {
        organisations.first { $0.id == id }
    }

    /// The service with `id`, if any.
    public func service(_ id: ServiceID) -> PublicService? {
        services.first { $0.id == id }
    }

    /// Decodes a catalogue from its native JSON form.
    ///
    /// - Parameters:
    ///   - data: the JSON document.
    ///   - maximumBytes: the largest accepted input; ``maximumBytes`` (32 MiB) unless given.
    /// - Throws: ``CatalogueError/tooLarge(limit:)`` or ``CatalogueError/malformed(detail:)``.
    public static func load(from data: Data, maximumBytes: Int = Catalogue.maximumBytes) throws(CatalogueError)
        -> Catalogue
    {
        try CatalogueJSON.decode(data, maximumBytes: maximumBytes)
    }

    /// The sample catalogue of Macau services bundled with the module.
    ///
    /// - Throws: ``CatalogueError/resourceMissing`` or a load error.
    public static func sample() throws(CatalogueError) -> Catalogue {
        guard
            let url = Bundle.module.url(
                forResource: "sample-catalogue", withExtension: "json", subdirectory: "Resources")
        else { throw .resourceMissing }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .resourceMissing
        }
        return try load(from: data)
    }
}
