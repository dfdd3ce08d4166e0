import EGovCore
import EGovCrypto

/// Why a Token Status List operation failed (draft-ietf-oauth-status-list).
///
/// Each case names the first problem found; malformed input is never repaired. Codes are stable
/// and start with `certificates.status_list.`.
public enum StatusListError: EGovError, Equatable {
    /// `bits` is not 1, 2, 4 or 8.
    case invalidBits(Int)
    /// A list size or issuer capacity is not positive or exceeds the decompressed limit.
    case invalidSize(Int)
    /// The index is negative or not below the list's size.
    case indexOutOfRange(index: Int, count: Int)
    /// The status value does not fit in the list's `bits`.
    case valueTooLarge(value: UInt8, bits: Int)
    /// The Status List JSON (or a claim inside the token) is not well formed.
    case invalidJSON(String)
    /// `lst` is not strict base64url (no padding, no whitespace).
    case invalidBase64URL
    /// The compressed list exceeds the limit (in bytes).
    case compressedTooLarge(limit: Int)
    /// The decompressed list would exceed the limit (in bytes); inflating stopped there.
    case decompressedTooLarge(limit: Int)
    /// `lst` is not a single complete ZLIB (RFC 1950) stream: bad header or checksum, corrupt
    /// DEFLATE data, a preset dictionary, truncation, or bytes after the end of the stream.
    case invalidCompression(String)
    /// The decompressed list holds no entries.
    case emptyList
    /// zlib failed while compressing (e.g. out of memory).
    case compressionFailed(String)
    /// The token's `typ` is not `statuslist+jwt`.
    case unexpectedTokenType(found: String?)
    /// The token's signature does not verify.
    case signatureInvalid
    /// The token was refused by JWS processing for another reason (malformed, unknown key,
    /// algorithm not allowed, too large…).
    case tokenRejected(JWSError)
    /// A required claim is missing or a claim has the wrong type or value.
    case invalidClaims(String)
    /// The token's `sub` (or a reference's `uri`) is not the expected Status List URI.
    case subjectMismatch
    /// The token expired (`exp`, allowing for clock skew).
    case expired
    /// The token's `iat` is in the future (allowing for clock skew).
    case notYetValid
    /// A Referenced Token's `status` claim is malformed.
    case invalidReference(String)
    /// A parameter supplied by the caller is not acceptable.
    case invalidParameter(String)
    /// Every index of the issuer's list has been allocated.
    case listFull(capacity: Int)
    /// The reference was not allocated by this issuer (other URI, or an index never allocated).
    case unknownReference
    /// The requested status change is not allowed (invalid is final; only a suspended entry can
    /// be reinstated).
    case invalidTransition(from: CredentialStatus, to: CredentialStatus)
    /// An issuer snapshot is inconsistent.
    case invalidSnapshot(String)

    /// A stable machine-readable code (`certificates.status_list.*`).
    public var code: String {
        switch self {
        case .invalidBits: "certificates.status_list.invalid_bits"
        case .invalidSize: "certificates.status_list.invalid_size"
        case .indexOutOfRange: "certificates.status_list.index_out_of_range"
        case .valueTooLarge: "certificates.status_list.value_too_large"
        case .invalidJSON: "certificates.status_list.invalid_json"
        case .invalidBase64URL: "certificates.status_list.invalid_base64url"
        case .compressedTooLarge: "certificates.status_list.compressed_too_large"
        case .decompressedTooLarge: "certificates.status_list.decompressed_too_large"
        case .invalidCompression: "certificates.status_list.invalid_compression"
        case .emptyList: "certificates.status_list.empty"
        case .compressionFailed: "certificates.status_list.compression_failed"
        case .unexpectedTokenType: "certificates.status_list.unexpected_typ"
        case .signatureInvalid: "certificates.status_list.signature_invalid"
        case .tokenRejected: "certificates.status_list.token_rejected"
        case .invalidClaims: "certificates.status_list.invalid_claims"
        case .subjectMismatch: "certificates.status_list.subject_mismatch"
        case .expired: "certificates.status_list.expired"
        case .notYetValid: "certificates.status_list.not_yet_valid"
        case .invalidReference: "certificates.status_list.invalid_reference"
        case .invalidParameter: "certificates.status_list.invalid_parameter"
        case .listFull: "certificates.status_list.full"
        case .unknownReference: "certificates.status_list.unknown_reference"
        case .invalidTransition: "certificates.status_list.invalid_transition"
        case .invalidSnapshot: "certificates.status_list.invalid_snapshot"
        }
    }

    /// A readable explanation of what was wrong.
    public var reason: String {
        switch self {
        case .invalidBits(let bits): "bits must be 1, 2, 4 or 8, not \(bits)"
        case .invalidSize(let size): "size \(size) is not positive or exceeds the decompressed limit"
        case .indexOutOfRange(let index, let count): "index \(index) is outside the list of \(count) entries"
        case .valueTooLarge(let value, let bits): "status value \(value) does not fit in \(bits) bits"
        case .invalidJSON(let detail): "invalid status list JSON: \(detail)"
        case .invalidBase64URL: "lst is not strict unpadded base64url"
        case .compressedTooLarge(let limit): "the compressed status list exceeds \(limit) bytes"
        case .decompressedTooLarge(let limit): "the decompressed status list exceeds \(limit) bytes"
        case .invalidCompression(let detail): "lst is not a single complete ZLIB stream: \(detail)"
        case .emptyList: "the status list holds no entries"
        case .compressionFailed(let detail): "compression failed: \(detail)"
        case .unexpectedTokenType(let found): "typ \(found ?? "(absent)") is not statuslist+jwt"
        case .signatureInvalid: "the status list token's signature does not verify"
        case .tokenRejected(let error): "the status list token was rejected: \(error.reason)"
        case .invalidClaims(let detail): "invalid status list token claims: \(detail)"
        case .subjectMismatch: "the status list URI does not match the expected one"
        case .expired: "the status list token has expired"
        case .notYetValid: "the status list token was issued in the future"
        case .invalidReference(let detail): "invalid status claim: \(detail)"
        case .invalidParameter(let detail): "invalid parameter: \(detail)"
        case .listFull(let capacity): "all \(capacity) indices of the status list are allocated"
        case .unknownReference: "the reference was not allocated by this status list issuer"
        case .invalidTransition(let from, let to): "a \(from.name) entry cannot become \(to.name)"
        case .invalidSnapshot(let detail): "inconsistent status list issuer snapshot: \(detail)"
        }
    }
}
