import Foundation

/// What a provider answers to a request it accepted.
///
/// Besides plain data (``success``), the outcomes of once-only evidence exchange: the evidence is
/// not available yet (``unavailable(retryAfter:)``), cannot be given (``failure(code:)``), or the
/// citizen asked to preview it first (``previewRequired(reference:)``).
public enum ResponseOutcome: Sendable, Hashable {
    /// The data follows.
    case success
    /// Try again after the given time.
    case unavailable(retryAfter: Date)
    /// The provider cannot give the data; `code` is a stable provider code, e.g. `evidence.not_found`.
    case failure(code: String)
    /// The citizen must preview and approve the data first, at the place `reference` names.
    case previewRequired(reference: String)

    /// The JSON `outcome` value.
    public var name: String {
        switch self {
        case .success: "success"
        case .unavailable: "unavailable"
        case .failure: "failure"
        case .previewRequired: "previewRequired"
        }
    }
}
