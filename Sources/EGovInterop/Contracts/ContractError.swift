import EGovCore

/// Why a contract could not be loaded or published.
public enum ContractError: EGovError, Equatable {
    /// The contract text is larger than ``DataServiceContract/maximumBytes``.
    case tooLarge(limit: Int)
    /// The text is not strict JSON.
    case invalidJSON(JSONParseError)
    /// The JSON does not have the contract's shape (missing member, wrong type); the detail
    /// names the member.
    case invalidShape(String)
    /// The contract parsed but breaks the rules listed.
    case invalid([ContractIssue])
    /// A contract with the same ID and version is already published.
    case duplicate(id: String, version: String)

    /// A stable machine-readable code (`interop.contract.*`).
    public var code: String {
        switch self {
        case .tooLarge: "interop.contract.too_large"
        case .invalidJSON: "interop.contract.invalid_json"
        case .invalidShape: "interop.contract.invalid_shape"
        case .invalid: "interop.contract.invalid"
        case .duplicate: "interop.contract.duplicate"
        }
    }

    /// A readable explanation.
    public var reason: String {
        switch self {
        case .tooLarge(let limit): "the contract exceeds \(limit) bytes"
        case .invalidJSON(let error): "the contract is not valid JSON: \(error.reason)"
        case .invalidShape(let detail): "the contract does not have the expected shape: \(detail)"
        case .invalid(let issues):
            "the contract is invalid: " + issues.prefix(5).map(\.description).joined(separator: "; ")
                + (issues.count > 5 ? " (and \(issues.count - 5) more)" : "")
        case .duplicate(let id, let version): "contract \(id) version \(version) is already published"
        }
    }
}
