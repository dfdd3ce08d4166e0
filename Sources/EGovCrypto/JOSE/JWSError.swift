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
    /// The payload is detached (an empty compact payload segment, or no `payload` member in the
    /// JSON serialisation) and the caller supplied none.
    case missingPayload
    /// `b64` appears in a protected header without being listed in `crit` (RFC 7797 section 6),
    /// or is not a boolean.
    case unencodedPayloadNotCritical
    /// The payload cannot be carried in this form: an unencoded (`b64: false`) payload that
    /// contains `.` in an attached compact JWS (RFC 7797 section 5.2), or that is not valid UTF-8
    /// where it must be a JSON string or part of a compact string.
    case invalidPayload(String)
    /// A payload was supplied as detached, but the JWS already carries one.
    case payloadConflict
    /// The JWS JSON serialisation is not a well-formed general or flattened JWS object.
    case invalidJSONSerialization(String)
    /// A header member name appears in both the protected and the unprotected header
    /// (RFC 7515 section 7.2.1 requires them to be disjoint), or a member that must be integrity
    /// protected appears unprotected.
    case duplicateHeaderMember(String)
    /// The JWS JSON serialisation has more signatures than EGovKit accepts.
    case tooManySignatures(limit: Int)
    /// There is no signature at the requested index.
    case noSuchSignature(index: Int)

    /// A stable machine-readable code (`jws.*`).
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
        case .unencodedPayloadNotCritical: "jws.b64_not_critical"
        case .invalidPayload: "jws.invalid_payload"
        case .payloadConflict: "jws.payload_conflict"
        case .invalidJSONSerialization: "jws.invalid_json"
        case .duplicateHeaderMember: "jws.duplicate_header_member"
        case .tooManySignatures: "jws.too_many_signatures"
        case .noSuchSignature: "jws.no_such_signature"
        }
    }

    /// A readable explanation of what was wrong.
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
        case .missingPayload: "the payload is detached and none was supplied"
        case .unencodedPayloadNotCritical: "b64 must be a boolean listed in crit (RFC 7797 section 6)"
        case .invalidPayload(let detail): "invalid payload: \(detail)"
        case .payloadConflict: "a detached payload was supplied, but the JWS carries its own"
        case .invalidJSONSerialization(let detail): "invalid JWS JSON serialization: \(detail)"
        case .duplicateHeaderMember(let name): "header member \(name) may not appear in the unprotected header"
        case .tooManySignatures(let limit): "the JWS has more than \(limit) signatures"
        case .noSuchSignature(let index): "there is no signature at index \(index)"
        }
    }
}
