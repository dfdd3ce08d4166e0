import EGovCore
import Foundation

/// The answer to an ``EvidenceRequest``.
public enum EvidenceOutcome: Sendable, Hashable {
    /// The evidence (only the fields the purpose allows).
    case success([String: JSONValue])
    /// Not available now; ask again after the time given.
    case unavailable(retryAfter: Date)
    /// The evidence cannot be given.
    case failure(EvidenceFailure)
    /// The citizen asked to preview the evidence; it is sent once they approve at `reference`.
    case previewRequired(reference: String)

    /// The response outcome and data that carry this answer.
    var result: DataSourceResult {
        switch self {
        case .success(let data): DataSourceResult(outcome: .success, data: data)
        case .unavailable(let date): DataSourceResult(outcome: .unavailable(retryAfter: date))
        case .failure(let failure): DataSourceResult(outcome: .failure(code: failure.rawValue))
        case .previewRequired(let reference): DataSourceResult(outcome: .previewRequired(reference: reference))
        }
    }

    /// Reads the outcome of a verified response.
    init(_ response: InteropResponse) {
        switch response.outcome {
        case .success: self = .success(response.data)
        case .unavailable(let date): self = .unavailable(retryAfter: date)
        case .failure(let code): self = .failure(EvidenceFailure(rawValue: code) ?? .other)
        case .previewRequired(let reference): self = .previewRequired(reference: reference)
        }
    }
}
