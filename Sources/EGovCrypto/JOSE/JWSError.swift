import EGovCore

/// Why a JWS was rejected. Each case names the first problem found; nothing is repaired.
public enum JWSError: EGovError, Equatable {
    /// The serialisation is larger than the verifier's limit.
    case tooLarge(limit: Int)
    /// The compact serialisation does not have exactly three dot-separated segments.
    case wrongSegmentCount(Int)
    /// A segment is not strict base64url.
    case invalidBase64URL(segment: String)
    /// The protected header is not a JSON object, or a member has the wrong JSON type.
    case invalidHeader(String)
    /// The header has no `alg`.
    case missingAlgorithm
    /// `alg: none` (unsecured JWS) is never accepted.
    case unsecuredAlgorithm
    /// The `alg` is not one EGovKit implements.
    case unsupportedAlgorithm(String)
    /// The `alg` differs from the algorithm the verification key is bound to, or is not allowed.
    case algorithmNotAllowed(String)
    /// No verification key matches the header's `kid`.
    case unknownKey(kid: String?)
    /// The `typ` header differs from what the verifier expects.
    case unexpectedType(expected: String, found: String?)
    /// A `crit` entry names an extension this verifier does not understand, or `crit` is malformed.
    case unsupportedCriticalHeader(String)
    /// The signature segment has the wrong length or encoding for the algorithm.
    case malformedSignature(String)
    /// The signature does not verify.
    case signatureInvalid
    /// The payload segment is empty where a payload is required.
    case missingPayload

    public var code: String {
        switch self {
        case .tooLarge: "jws.too_large"
        case .wrongSegmentCount: "jws.malformed"
        case .invalidBase64URL: "jws.invalid_base64url"
        case .invalidHeader: "jws.invalid_header"
        case .missingAlgorithm: "jws.missing_alg"
        case .unsecuredAlgorithm: "jws.alg_none"
        case .unsupportedAlgorithm: "jws.unsupported_alg"
        case .algorithmNotAllowed: "jws.alg_not_allowed"
        case .unknownKey: "jws.unknown_key"
        case .unexpectedType: "jws.unexpected_typ"
        case .unsupportedCriticalHeader: "jws.unsupported_crit"
        case .malformedSignature: "jws.malformed_signature"
        case .signatureInvalid: "jws.signature_invalid"
        case .missingPayload: "jws.missing_payload"
        }
    }

    public var reason: String {
        switch self {
        case .tooLarge(let limit): "the JWS exceeds \(limit) bytes"
        case .wrongSegmentCount(let count): "a compact JWS has 3 segments, this has \(count)"
        case .invalidBase64URL(let segment): "the \(segment) segment is not strict base64url"
        case .invalidHeader(let detail): "invalid protected header: \(detail)"
        case .missingAlgorithm: "the protected header has no alg"
        case .unsecuredAlgorithm: "alg none (unsecured JWS) is never accepted"
        case .unsupportedAlgorithm(let alg): "alg \(alg) is not supported"
        case .algorithmNotAllowed(let alg): "alg \(alg) is not allowed for this key"
        case .unknownKey(let kid):
            kid.map { "no verification key with kid \($0)" } ?? "no verification key for this JWS"
        case .unexpectedType(let expected, let found): "typ \(found ?? "(absent)") is not the expected \(expected)"
        case .unsupportedCriticalHeader(let name): "critical header \(name) is not understood"
        case .malformedSignature(let detail): "malformed signature: \(detail)"
        case .signatureInvalid: "the signature does not verify"
        case .missingPayload: "the payload is empty"
        }
    }
}
