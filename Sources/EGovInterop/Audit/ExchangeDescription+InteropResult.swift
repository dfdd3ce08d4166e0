import EGovCore
import EGovCrypto

extension ExchangeDescription {
    /// Describes a completed exchange from the consumer's side, as ``InteropClient`` returned it:
    /// the request's message ID, client, service and purpose; the request hash the provider signed
    /// (SHA-512 of the exact request body, written `sha512:hex`); and the SHA-256 of the response
    /// envelope.
    ///
    /// - Throws: ``ExchangeAuditError/invalidField(_:)`` if the response's request hash is not a
    ///   SHA-512 value (a verified result always has one).
    public init(consumerResult result: InteropResult, operation: String? = nil) throws(ExchangeAuditError) {
        let requestHash: [UInt8]
        do {
            requestHash = try Base64URL.decode(result.response.requestHash, limit: 128)
        } catch {
            throw .invalidField("requestHash")
        }
        guard requestHash.count == HashAlgorithm.sha512.outputLength else { throw .invalidField("requestHash") }
        self.init(
            messageID: result.request.messageID, side: .client, client: result.request.client.headerValue,
            service: result.request.service.description, operation: operation, purpose: result.request.purpose,
            outcome: .completed, statusCode: 200,
            requestHash: HashAlgorithm.sha512.identifier + ":" + Hex.encode(requestHash),
            responseHash: Self.digest(of: Array(result.envelope.utf8)))
    }
}
