import EGovCore

/// Errors raised by EGovCrypto.
///
/// Codes are stable (`crypto.*`). Reasons describe what was wrong with the input or the request;
/// they never contain key material. OpenSSL's own error text is appended only where it names a
/// structural problem (it never contains key bytes).
public enum CryptoError: EGovError, Equatable {
    /// The input exceeds the parser's size limit.
    case inputTooLarge(what: String, limit: Int)
    /// PEM text is not well formed (framing, labels, base64 body).
    case malformedPEM(String)
    /// The PEM label is not one this operation accepts.
    case unexpectedPEMLabel(found: String, expected: [String])
    /// DER bytes could not be decoded as the expected structure.
    case malformedDER(what: String)
    /// A JSON Web Key is malformed or incomplete.
    case malformedJWK(String)
    /// The key is of a type or size EGovKit does not accept.
    case unsupportedKey(String)
    /// The key is too small for the algorithm (e.g. RSA under 2048 bits).
    case keyTooSmall(bits: Int, minimum: Int)
    /// The algorithm cannot be used with this key (algorithm confusion is refused).
    case algorithmMismatch(algorithm: SignatureAlgorithm, keyType: String)
    /// A signature is not well formed for its declared encoding.
    case malformedSignature(String)
    /// An encrypted private key was supplied; decrypt it first (EGovKit never prompts).
    case encryptedKeyNotSupported
    /// An SM2 distinguishing identifier is invalid (empty when required, or too long).
    case invalidDistinguishingID(String)
    /// A certificate is not well formed or lacks a required field.
    case malformedCertificate(String)
    /// A certificate revocation list is not well formed.
    case malformedCRL(String)
    /// OpenSSL reported a failure in an operation that should not fail on valid input.
    case engineFailure(operation: String, detail: String)

    public var code: String {
        switch self {
        case .inputTooLarge: "crypto.input.too_large"
        case .malformedPEM: "crypto.pem.malformed"
        case .unexpectedPEMLabel: "crypto.pem.unexpected_label"
        case .malformedDER: "crypto.der.malformed"
        case .malformedJWK: "crypto.jwk.malformed"
        case .unsupportedKey: "crypto.key.unsupported"
        case .keyTooSmall: "crypto.key.too_small"
        case .algorithmMismatch: "crypto.algorithm.mismatch"
        case .malformedSignature: "crypto.signature.malformed"
        case .encryptedKeyNotSupported: "crypto.key.encrypted"
        case .invalidDistinguishingID: "crypto.sm2.invalid_id"
        case .malformedCertificate: "crypto.certificate.malformed"
        case .malformedCRL: "crypto.crl.malformed"
        case .engineFailure: "crypto.engine.failure"
        }
    }

    public var reason: String {
        switch self {
        case .inputTooLarge(let what, let limit): "\(what) exceeds the limit of \(limit) bytes"
        case .malformedPEM(let detail): "malformed PEM: \(detail)"
        case .unexpectedPEMLabel(let found, let expected):
            "PEM label '\(found)' is not accepted here (expected \(expected.joined(separator: " or ")))"
        case .malformedDER(let what): "malformed DER: \(what)"
        case .malformedJWK(let detail): "malformed JWK: \(detail)"
        case .unsupportedKey(let detail): "unsupported key: \(detail)"
        case .keyTooSmall(let bits, let minimum): "key of \(bits) bits is below the minimum of \(minimum) bits"
        case .algorithmMismatch(let algorithm, let keyType):
            "algorithm \(algorithm.rawValue) cannot be used with a \(keyType) key"
        case .malformedSignature(let detail): "malformed signature: \(detail)"
        case .encryptedKeyNotSupported: "encrypted private keys are not accepted; decrypt the key first"
        case .invalidDistinguishingID(let detail): "invalid SM2 distinguishing identifier: \(detail)"
        case .malformedCertificate(let detail): "malformed certificate: \(detail)"
        case .malformedCRL(let detail): "malformed CRL: \(detail)"
        case .engineFailure(let operation, let detail): "OpenSSL failed in \(operation): \(detail)"
        }
    }
}
