import EGovCore

/// A search over a ``CatalogueIndex``: free text plus optional filters.
public struct CatalogueQuery: Sendable, Hashable {
    /// Free text in any language; empty to list every service that passes the filters.
    public var text: String
    /// Only services for which this department is a competent authority.
    public var department: OrganisationID?
    /// Only services grouped by this life or business event.
    public var event: EventID?
    /// Only services offered through this kind of channel.
    public var channel: Channel.Kind?
    /// When `true`, only services that can be completed fully online (``PublicService/isFullyOnline``).
    public var fullyOnlineOnly: Bool
    /// Whether withdrawn services are included.
    public var includeWithdrawn: Bool
    /// The most results to return.
    public var limit: Int

    /// Creates a query.
    public init(
        text: String, department: OrganisationID? = nil, event: EventID? = nil, channel: Channel.Kind? = nil,
        fullyOnlineOnly: Bool = false, includeWithdrawn: Bool = false, limit: Int = 20
    ) {
        self.text = text
        self.department = department
        self.event = event
        self.channel = channel
        self.fullyOnlineOnly = fullyOnlineOnly
        self.includeWithdrawn = includeWithdrawn
        self.limit = limit
    }
}
