import EGovCore

/// A link from one service to another (CPSV-AP `requires` / `related`).
public struct RelatedService: Sendable, Hashable, Codable {
    /// How the services are related.
    public enum Relation: String, Sendable, Hashable, Codable, CaseIterable {
        /// The other service must be completed first (CPSV-AP `requires`). Must not form cycles.
        case requires
        /// The other service is related (CPSV-AP `related`).
        case related
    }

    /// The other service.
    public var service: ServiceID
    /// How it is related.
    public var relation: Relation

    /// Creates a link to another service.
    public init(service: ServiceID, relation: Relation) {
        self.service = service
        self.relation = relation
    }
}
