/// Errors from an ``AuditLog``.
public enum AuditLogError: EGovError, Equatable {
    /// A read asked for a negative start or limit.
    case invalidRange
    /// The entry could not be serialised for hashing (e.g. a non-finite number).
    case serializationFailed(CanonicalJSON.SerializationError)

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .invalidRange: "core.audit.invalid_range"
        case .serializationFailed: "core.audit.serialization_failed"
        }
    }

    /// A readable explanation of what was wrong.
    public var reason: String {
        switch self {
        case .invalidRange: "the start index and limit must not be negative"
        case .serializationFailed(let error): "the entry could not be canonicalised: \(error.reason)"
        }
    }
}
