/// The process exit codes of `egov` (sysexits(3) where one fits).
enum ExitStatus: Int32, Sendable {
    /// Success, or the checked object is valid.
    case ok = 0
    /// The checked object is invalid, or verification failed.
    case invalid = 1
    /// The result could not be determined (e.g. revocation status unknown).
    case indeterminate = 2
    /// The command line was wrong: unknown option or algorithm, missing argument, conflicting choices.
    case usage = 64
    /// The input data was bad: unreadable or unparseable file, key, signature encoding.
    case badInput = 65
    /// An internal failure that no input should cause (e.g. the crypto engine failed).
    case software = 70
}
