import EGovCore

/// Why an interoperability exchange failed, and whose side the failure is on.
///
/// ``fault`` tells the consumer's problems (``Fault/client``: a bad or refused request, fix the
/// request or the agreement) from the provider's (``Fault/server``: retry later or call the
/// provider) and the network's (``Fault/transport``: the message never arrived, or what arrived
/// was not a valid answer). ``code`` is stable (`interop.*`); ``reason`` says what was wrong and
/// never carries personal data, key material or message content.
public struct InteropError: EGovError, Equatable {
    /// Whose side a failure is on.
    public enum Fault: String, Sendable, Codable, CaseIterable {
        /// The consumer's request is malformed, unauthenticated or not allowed.
        case client
        /// The provider failed to serve a valid request.
        case server
        /// The exchange failed between the two (connection, timeout, tampered or unusable answer).
        case transport
    }

    /// The stable failure codes.
    public enum Code: String, Sendable, Codable, CaseIterable {
        // Client faults.
        /// The request is not well-formed (size, JSON, fields, identifiers).
        case malformedRequest = "interop.malformed_request"
        /// The envelope's signature, header or certificate chain does not verify.
        case signatureInvalid = "interop.signature_invalid"
        /// The signer's certificate chain is expired, revoked, untrusted or unverifiable.
        case certificateInvalid = "interop.certificate_invalid"
        /// The signing certificate is not registered for the member the message claims to come from.
        case signerNotBound = "interop.signer_not_bound"
        /// The message ID was seen before.
        case replayed = "interop.replayed"
        /// The message time is outside the accepted window.
        case stale = "interop.stale"
        /// No contract is published for the service (or none is valid now).
        case unknownService = "interop.unknown_service"
        /// The contract does not list the consumer.
        case consumerNotAllowed = "interop.consumer_not_allowed"
        /// The contract does not list the purpose, or the legal basis does not match it.
        case purposeNotAllowed = "interop.purpose_not_allowed"
        /// The purpose needs the data subject's consent and there is none that covers it.
        case consentMissing = "interop.consent_missing"
        /// The consumer exceeded the contract's rate limit.
        case rateLimited = "interop.rate_limited"
        // Server faults.
        /// The provider's data source failed.
        case providerFailure = "interop.provider_failure"
        /// The provider cannot serve now (e.g. the replay cache is full).
        case providerUnavailable = "interop.provider_unavailable"
        // Transport faults, and consumer-side checks of the answer.
        /// The request could not be delivered, or no answer came.
        case transportFailure = "interop.transport_failure"
        /// The answer is not a valid signed response (format, signature, chain, signer).
        case responseInvalid = "interop.response_invalid"
        /// The answer's request hash or request ID does not match the request sent.
        case requestHashMismatch = "interop.request_hash_mismatch"

        /// The side this code belongs to.
        public var fault: Fault {
            switch self {
            case .malformedRequest, .signatureInvalid, .certificateInvalid, .signerNotBound, .replayed, .stale,
                .unknownService, .consumerNotAllowed, .purposeNotAllowed, .consentMissing, .rateLimited:
                .client
            case .providerFailure, .providerUnavailable: .server
            case .transportFailure, .responseInvalid, .requestHashMismatch: .transport
            }
        }

        /// The HTTP status a provider answers with for this code.
        public var httpStatus: Int {
            switch self {
            case .malformedRequest: 400
            case .signatureInvalid, .certificateInvalid, .signerNotBound: 401
            case .consumerNotAllowed, .purposeNotAllowed, .consentMissing: 403
            case .unknownService: 404
            case .replayed, .stale: 409
            case .rateLimited: 429
            case .providerFailure: 500
            case .providerUnavailable: 503
            case .transportFailure, .responseInvalid, .requestHashMismatch: 502
            }
        }
    }

    /// The failure code.
    public let failure: Code
    /// What was wrong (no personal data, no secrets).
    public let detail: String

    /// Creates an error.
    public init(_ failure: Code, _ detail: String) {
        self.failure = failure
        self.detail = detail
    }

    /// Whose side the failure is on.
    public var fault: Fault { failure.fault }

    /// The stable code, e.g. `interop.consent_missing`.
    public var code: String { failure.rawValue }

    /// A readable explanation.
    public var reason: String { detail }
}
