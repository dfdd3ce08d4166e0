import EGovCore

/// Why a signature policy could not be loaded.
public enum SignaturePolicyError: EGovError, Equatable {
    /// The JSON is not a valid policy.
    case malformed(String)

    public var code: String { "signature.policy.malformed" }
    public var reason: String {
        switch self {
        case .malformed(let detail): "malformed signature policy: \(detail)"
        }
    }
}
