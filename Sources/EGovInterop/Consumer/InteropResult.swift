import EGovCrypto

/// A verified answer: the request sent, the provider's response and who signed it.
public struct InteropResult: Sendable {
    /// The request that was sent.
    public let request: InteropRequest
    /// The verified response.
    public let response: InteropResponse
    /// The provider's signing certificate.
    public let signer: Certificate
    /// The response envelope as received (keep it as evidence of what was answered).
    public let envelope: String
}
