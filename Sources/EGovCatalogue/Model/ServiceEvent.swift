import EGovCore

/// A life or business event that groups services (CPSV-AP `Event`, via `isGroupedBy`).
public struct ServiceEvent: Sendable, Hashable, Codable, Identifiable {
    /// Whether the event concerns citizens or businesses.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// CPSV-AP `LifeEvent`, e.g. having a baby.
        case life
        /// CPSV-AP `BusinessEvent`, e.g. starting a business.
        case business
    }

    /// The event's identifier.
    public var id: EventID
    /// Life or business event.
    public var kind: Kind
    /// The event's name in each language.
    public var name: LocalizedText

    /// Creates an event.
    public init(id: EventID, kind: Kind, name: LocalizedText) {
        self.id = id
        self.kind = kind
        self.name = name
    }
}
