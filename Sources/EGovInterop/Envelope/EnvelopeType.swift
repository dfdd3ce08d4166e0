/// The two kinds of signed envelope, carried in the JWS `typ` header so that a response can never
/// be replayed as a request or the other way round.
public enum EnvelopeType: String, Sendable, Hashable, CaseIterable {
    /// A consumer's request (`typ: egov-interop-request+jws`).
    case request = "egov-interop-request+jws"
    /// A provider's response (`typ: egov-interop-response+jws`).
    case response = "egov-interop-response+jws"
}
