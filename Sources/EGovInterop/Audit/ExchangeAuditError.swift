import EGovCore

/// Errors from recording exchanges, making checkpoints and exporting an audit log.
///
/// Reasons name fields, never their values.
public enum ExchangeAuditError: EGovError, Equatable {
    /// A field of an ``ExchangeDescription`` is not an acceptable reference or digest.
    case invalidField(String)
    /// The audit log failed (its error code is kept).
    case logFailed(code: String)
    /// Signing a checkpoint failed.
    case checkpointSigningFailed
    /// The checkpoint configuration is not usable (e.g. an interval below 1 or an empty key ID).
    case invalidConfiguration(String)
    /// The log's entries use a different hash algorithm than the auditor was given.
    case hashAlgorithmMismatch

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .invalidField: "interop.audit.invalid_field"
        case .logFailed: "interop.audit.log_failed"
        case .checkpointSigningFailed: "interop.audit.checkpoint_signing_failed"
        case .invalidConfiguration: "interop.audit.invalid_configuration"
        case .hashAlgorithmMismatch: "interop.audit.hash_algorithm_mismatch"
        }
    }

    /// A readable explanation.
    public var reason: String {
        switch self {
        case .invalidField(let field):
            "\(field) must be an opaque reference (1-\(ExchangeDescription.maximumFieldLength) visible ASCII "
                + "characters) or, for digests, algorithm:lowercase-hex of the algorithm's length"
        case .logFailed(let code): "the audit log failed (\(code))"
        case .checkpointSigningFailed: "the checkpoint could not be signed"
        case .invalidConfiguration(let detail): "invalid auditor configuration: \(detail)"
        case .hashAlgorithmMismatch: "the log's entries use a different hash algorithm than the auditor"
        }
    }
}
