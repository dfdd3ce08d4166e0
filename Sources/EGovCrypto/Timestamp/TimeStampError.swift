import EGovCore

/// Errors raised by the RFC 3161 time-stamp types (``TimeStampRequest``, ``TimeStampResponse``,
/// ``TimeStampToken``, ``TimeStampAuthority``, ``TimeStampClient``).
///
/// Codes are stable (`crypto.tsp.*`). Reasons describe what was wrong; they never contain key
/// material, digests or the free-text status strings of a response (those may carry anything).
public enum TimeStampError: EGovError, Hashable {
    /// The input exceeds the parser's size limit (requests 64 KiB, responses and tokens 1 MiB).
    case inputTooLarge(what: String, limit: Int)
    /// DER bytes are not a well-formed structure of the expected kind (including trailing bytes).
    case malformed(String)
    /// A message imprint uses a hash algorithm other than SHA-256, SHA-384, SHA-512 or SM3.
    case unsupportedHashAlgorithm(String)
    /// Request parameters are invalid (digest length, empty nonce, policy identifier).
    case invalidRequest(String)
    /// The key cannot sign time-stamp tokens (for example SM2 or Ed25519 with OpenSSL 3.0).
    case unsupportedKey(String)
    /// The certificate does not fit a time-stamping authority (purpose, key mismatch).
    case invalidCertificate(String)
    /// The authority answered with a status other than granted / grantedWithModifications.
    case rejected(status: TimeStampResponse.Status, failureInfo: [String])
    /// The token did not verify against the request.
    case verificationFailed(TimeStampFailure)
    /// The token's generation time differs from the local clock by more than allowed.
    case generationTimeOutOfRange(difference: Double, allowed: Double)
    /// OpenSSL failed in an operation that should not fail on valid input.
    case engineFailure(operation: String, detail: String)

    public var code: String {
        switch self {
        case .inputTooLarge: "crypto.tsp.input_too_large"
        case .malformed: "crypto.tsp.malformed"
        case .unsupportedHashAlgorithm: "crypto.tsp.unsupported_hash_algorithm"
        case .invalidRequest: "crypto.tsp.invalid_request"
        case .unsupportedKey: "crypto.tsp.unsupported_key"
        case .invalidCertificate: "crypto.tsp.invalid_certificate"
        case .rejected: "crypto.tsp.rejected"
        case .verificationFailed(let failure): failure.code
        case .generationTimeOutOfRange: "crypto.tsp.time_out_of_range"
        case .engineFailure: "crypto.tsp.engine_failure"
        }
    }

    public var reason: String {
        switch self {
        case .inputTooLarge(let what, let limit): "\(what) exceeds the limit of \(limit) bytes"
        case .malformed(let detail): "malformed time-stamp structure: \(detail)"
        case .unsupportedHashAlgorithm(let oid): "unsupported message imprint hash algorithm \(oid)"
        case .invalidRequest(let detail): "invalid time-stamp request: \(detail)"
        case .unsupportedKey(let detail): "unsupported time-stamping key: \(detail)"
        case .invalidCertificate(let detail): "unsuitable time-stamping certificate: \(detail)"
        case .rejected(let status, let failureInfo):
            "the time-stamping authority answered \(status.rawValue)"
                + (failureInfo.isEmpty ? "" : " (\(failureInfo.joined(separator: ", ")))")
        case .verificationFailed(let failure): "time-stamp token verification failed: \(failure.reason)"
        case .generationTimeOutOfRange(let difference, let allowed):
            "the token's generation time is \(Int(difference.rounded())) s from the local clock (allowed \(Int(allowed)) s)"
        case .engineFailure(let operation, let detail): "OpenSSL failed in \(operation): \(detail)"
        }
    }

    /// Maps a ``CryptoError`` from a lower layer.
    static func wrapping(_ error: CryptoError) -> TimeStampError {
        switch error {
        case .inputTooLarge(let what, let limit): .inputTooLarge(what: what, limit: limit)
        case .engineFailure(let operation, let detail): .engineFailure(operation: operation, detail: detail)
        default: .malformed(error.reason)
        }
    }

    /// An ``engineFailure(operation:detail:)`` with the drained OpenSSL error text.
    static func engine(_ operation: String) -> TimeStampError {
        .engineFailure(operation: operation, detail: OpenSSL.drainErrors())
    }
}
