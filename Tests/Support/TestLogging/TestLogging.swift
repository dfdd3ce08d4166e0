import CTestLoggingStart
import Foundation
import Logging

/// Test runs log at `warning` unless `EGOV_LOG_LEVEL` (trace, debug, info, notice, warning, error,
/// critical) asks for more: the library's operational `info` lines (refused requests, signed
/// checkpoints) would otherwise interleave with the test results.
///
/// Called once, before any test runs, by the load-time constructor in `CTestLoggingStart`: swift-log
/// takes its handler factory when a `Logger` is created, so the level has to be set before the
/// first test creates one.
@_cdecl("egov_tests_bootstrap_logging")
public func egovTestsBootstrapLogging() {
    let level = ProcessInfo.processInfo.environment["EGOV_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
    LoggingSystem.bootstrap { label in
        var handler = StreamLogHandler.standardError(label: label)
        handler.logLevel = level
        return handler
    }
}
