import EGovCore

/// Why a trust list could not be loaded.
public enum TrustListError: EGovError, Equatable {
    /// Larger than the limit.
    case tooLarge(limit: Int)
    /// Not in the documented format.
    case malformed(String)
    /// A certificate does not parse.
    case invalidCertificate(String)

    public var code: String {
        switch self {
        case .tooLarge: "signature.trust_list.too_large"
        case .malformed: "signature.trust_list.malformed"
        case .invalidCertificate: "signature.trust_list.invalid_certificate"
        }
    }

    public var reason: String {
        switch self {
        case .tooLarge(let limit): "the trust list exceeds \(limit) bytes"
        case .malformed(let detail): "malformed trust list: \(detail)"
        case .invalidCertificate(let detail): "a trust-list certificate is invalid: \(detail)"
        }
    }
}
