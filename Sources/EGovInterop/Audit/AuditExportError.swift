import EGovCore

/// Why an exported audit log could not be read at all (as opposed to read and found invalid,
/// which ``AuditExportVerification`` reports).
public enum AuditExportError: EGovError, Equatable {
    /// The export exceeds the verifier's total size limit.
    case tooLarge(limit: Int)
    /// The export has more entries than the verifier's limit.
    case tooManyEntries(limit: Int)
    /// The first line is not a valid header.
    case invalidHeader(String)
    /// The header's format version is not supported.
    case unsupportedVersion
    /// The header names a hash algorithm the verifier does not accept.
    case unsupportedHashAlgorithm
    /// A checkpoint line repeats the previous checkpoint (the same line, or the same count);
    /// carries the line number, counting from 1.
    case repeatedCheckpoint(line: Int)

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .tooLarge: "interop.audit.export.too_large"
        case .tooManyEntries: "interop.audit.export.too_many_entries"
        case .invalidHeader: "interop.audit.export.invalid_header"
        case .unsupportedVersion: "interop.audit.export.unsupported_version"
        case .unsupportedHashAlgorithm: "interop.audit.export.unsupported_hash_algorithm"
        case .repeatedCheckpoint: "interop.audit.export.repeated_checkpoint"
        }
    }

    /// A readable explanation.
    public var reason: String {
        switch self {
        case .tooLarge(let limit): "the export is larger than \(limit) bytes"
        case .tooManyEntries(let limit): "the export has more than \(limit) entries"
        case .invalidHeader(let detail): "the first line is not an audit log header: \(detail)"
        case .unsupportedVersion: "the export's format version is not supported"
        case .unsupportedHashAlgorithm: "the export's hash algorithm is not accepted"
        case .repeatedCheckpoint(let line): "line \(line) repeats the previous checkpoint"
        }
    }
}
