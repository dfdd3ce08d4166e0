import EGovKit

/// A failure reported by `egov`: a stable `code`, a readable `reason`, and the exit status.
///
/// Reasons never echo key material or file contents.
struct CLIError: EGovError {
    let code: String
    let reason: String
    let status: ExitStatus

    init(code: String, reason: String, status: ExitStatus) {
        self.code = code
        self.reason = reason
        self.status = status
    }

    /// A usage error (exit 64).
    static func usage(_ reason: String, code: String = "cli.usage") -> CLIError {
        CLIError(code: code, reason: reason, status: .usage)
    }

    /// A bad-input error (exit 65).
    static func badInput(_ reason: String, code: String = "cli.input.invalid") -> CLIError {
        CLIError(code: code, reason: reason, status: .badInput)
    }

    /// Maps a library error to the CLI's exit status.
    init(_ error: CryptoError) {
        let status: ExitStatus
        switch error {
        case .algorithmMismatch:
            // The files are fine; the requested algorithm does not fit the key.
            status = .usage
        case .engineFailure:
            status = .software
        default:
            status = .badInput
        }
        self.init(code: error.code, reason: error.reason, status: status)
    }

    /// Maps a store failure: a damaged database file or row is bad input (exit 65), any other
    /// store failure internal (exit 70).
    init(_ error: StoreError) {
        let status: ExitStatus
        switch error {
        case .corruptDatabase, .corruptRecord: status = .badInput
        default: status = .software
        }
        self.init(code: error.code, reason: error.reason, status: status)
    }

    /// Maps any error thrown while running a command.
    static func from(_ error: any Error) -> CLIError {
        switch error {
        case let error as CLIError: error
        case let error as CryptoError: CLIError(error)
        case let error as any EGovError: CLIError(code: error.code, reason: error.reason, status: .badInput)
        default: CLIError(code: "cli.internal", reason: String(describing: error), status: .software)
        }
    }
}
