import Foundation
import Logging
import TestLogging
import Testing

@Suite struct TestLoggingTests {
    /// The test process sets swift-log up before any test runs (`egovTestsBootstrapLogging`, called
    /// at load time): at `warning` by default, so the library's `info` lines do not interleave with
    /// the results, or at the level `EGOV_LOG_LEVEL` asks for.
    @Test func testsLogAtWarningUnlessAsked() {
        let asked = ProcessInfo.processInfo.environment["EGOV_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) }
        #expect(Logger(label: "egov.tests.logging").logLevel == (asked ?? .warning))
    }
}
