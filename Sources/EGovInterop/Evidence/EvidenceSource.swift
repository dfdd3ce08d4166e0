/// A provider's evidence: answers ``EvidenceRequest``s that passed every contract check.
public protocol EvidenceSource: Sendable {
    /// The evidence for `request`, limited to `accepted.fields`.
    func evidence(for request: EvidenceRequest, accepted: AcceptedRequest) async throws -> EvidenceOutcome
}

/// Adapts an ``EvidenceSource`` to the ``InteropDataSource`` an ``InteropProvider`` calls.
public struct EvidenceDataSource: InteropDataSource {
    /// The evidence source.
    public let source: any EvidenceSource

    /// Creates the adapter.
    public init(_ source: any EvidenceSource) { self.source = source }

    public func respond(to accepted: AcceptedRequest) async throws -> DataSourceResult {
        let request = try EvidenceRequest(accepted.request)
        return try await source.evidence(for: request, accepted: accepted).result
    }
}
