/// The error convention shared by every EGovKit module.
///
/// Each module defines its own error type conforming to `EGovError`. An error carries:
/// - a stable, machine-readable ``code`` (dotted, lowercase, e.g. `crypto.pem.malformed`) that
///   callers can switch on and that never changes between releases once published, and
/// - a human-readable ``reason`` that says what was wrong with the input.
///
/// Neither may contain secrets (private keys, one-time codes) or personal data (names, identity
/// numbers): errors end up in logs. Describe *what* was wrong, never echo the offending value.
public protocol EGovError: Error, CustomStringConvertible, Sendable {
    /// A stable machine-readable code, e.g. `crypto.signature.malformed`.
    var code: String { get }
    /// A readable explanation of what was wrong, free of secrets and personal data.
    var reason: String { get }
}

extension EGovError {
    /// `code: reason`, suitable for logs.
    public var description: String { "\(code): \(reason)" }
}
