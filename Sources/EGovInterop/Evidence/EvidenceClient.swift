/// The consumer side of once-only evidence exchange, over an ``InteropClient``.
public struct EvidenceClient: Sendable {
    /// The underlying client.
    public let client: InteropClient

    /// Creates an evidence client.
    public init(client: InteropClient) { self.client = client }

    /// Asks `service` for evidence.
    ///
    /// - Parameters:
    ///   - request: what evidence, about whom, for which procedure, with or without preview.
    ///   - service: the provider's evidence service.
    ///   - userID: the officer handling the procedure.
    ///   - purpose: the contract purpose.
    ///   - legalBasis: the contract's legal basis for the purpose.
    ///   - caseReference: the consumer's case reference.
    /// - Returns: the verified outcome.
    public func requestEvidence(
        _ request: EvidenceRequest, from service: XRoadServiceID, userID: String, purpose: String, legalBasis: String,
        caseReference: String? = nil
    ) async throws(InteropError) -> EvidenceOutcome {
        let result = try await client.request(
            InteropQuery(
                service: service, userID: userID, purpose: purpose, legalBasis: legalBasis, subject: request.subject,
                caseReference: caseReference, parameters: request.parameters))
        return EvidenceOutcome(result.response)
    }
}
