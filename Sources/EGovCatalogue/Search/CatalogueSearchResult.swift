/// One ranked hit from ``CatalogueIndex/search(_:)``.
public struct CatalogueSearchResult: Sendable, Hashable {
    /// The matching service.
    public var service: PublicService
    /// The relevance score; higher is better. Zero when the query had no text.
    public var score: Double

    /// Creates a result.
    public init(service: PublicService, score: Double) {
        self.service = service
        self.score = score
    }
}
