import EGovCore

/// Why a PKCS#12 file (`.p12`, `.pfx`) was refused.
///
/// Codes are stable (`crypto.pkcs12.*`). Reasons name the structural problem or the refused
/// algorithm; they never contain the password, key material or names from certificates.
public enum PKCS12Error: EGovError, Equatable {
    /// The input exceeds a limit (bytes, certificates or iteration count).
    case inputTooLarge(what: String, limit: Int)
    /// The bytes are not a well-formed PKCS#12 `PFX`, or a bag inside it is malformed.
    case malformed(String)
    /// The file has no password MAC (integrity mode other than password), so the password
    /// cannot be checked.
    case macMissing
    /// MAC verification failed: the password is wrong (or the file was altered).
    case wrongPassword
    /// The file uses an encryption or MAC algorithm outside the modern set (PBES2 with PBKDF2
    /// and AES, MAC with SHA-256 or stronger); pass `allowLegacyEncryption: true` to read it.
    case legacyEncryption(String)
    /// Legacy encryption was allowed, but OpenSSL's legacy provider (needed for RC2 and similar
    /// ciphers) could not be loaded.
    case legacyProviderUnavailable
    /// The file holds no private key.
    case noPrivateKey
    /// The file holds more than one private key.
    case multiplePrivateKeys
    /// No certificate in the file holds the private key's public key.
    case noMatchingCertificate
    /// The private key cannot be decoded or is not one EGovKit supports.
    case invalidKey(String)
    /// A certificate cannot be parsed or uses an unsupported key.
    case invalidCertificate(String)
    /// OpenSSL failed in an operation that should not fail on valid input.
    case engineFailure(operation: String, detail: String)

    public var code: String {
        switch self {
        case .inputTooLarge: "crypto.pkcs12.too_large"
        case .malformed: "crypto.pkcs12.malformed"
        case .macMissing: "crypto.pkcs12.no_mac"
        case .wrongPassword: "crypto.pkcs12.wrong_password"
        case .legacyEncryption: "crypto.pkcs12.legacy_encryption"
        case .legacyProviderUnavailable: "crypto.pkcs12.legacy_unavailable"
        case .noPrivateKey: "crypto.pkcs12.no_key"
        case .multiplePrivateKeys: "crypto.pkcs12.multiple_keys"
        case .noMatchingCertificate: "crypto.pkcs12.no_matching_certificate"
        case .invalidKey: "crypto.pkcs12.invalid_key"
        case .invalidCertificate: "crypto.pkcs12.invalid_certificate"
        case .engineFailure: "crypto.pkcs12.engine_failure"
        }
    }

    public var reason: String {
        switch self {
        case .inputTooLarge(let what, let limit): "\(what) exceeds the limit of \(limit)"
        case .malformed(let detail): "malformed PKCS#12: \(detail)"
        case .macMissing: "the PKCS#12 file has no password MAC"
        case .wrongPassword: "PKCS#12 MAC verification failed: wrong password, or the file was altered"
        case .legacyEncryption(let detail):
            "legacy PKCS#12 protection (\(detail)) is refused; re-export with AES (PBES2) or allow legacy encryption"
        case .legacyProviderUnavailable:
            "legacy PKCS#12 encryption was allowed, but OpenSSL's legacy provider could not be loaded"
        case .noPrivateKey: "the PKCS#12 file holds no private key"
        case .multiplePrivateKeys: "the PKCS#12 file holds more than one private key"
        case .noMatchingCertificate: "no certificate in the PKCS#12 file matches its private key"
        case .invalidKey(let detail): "invalid private key in PKCS#12: \(detail)"
        case .invalidCertificate(let detail): "invalid certificate in PKCS#12: \(detail)"
        case .engineFailure(let operation, let detail): "OpenSSL failed in \(operation): \(detail)"
        }
    }
}
