import ArgumentParser
import Foundation
import Logging
import EGovKit

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

@main
struct EGov: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "egov",
        abstract: "EGovKit command-line tool.",
        discussion: """
            Structured output is JSON on stdout; errors are {"error": code, "reason": text} on stderr.
            Exit codes: 0 ok/valid, 1 invalid or verification failed, 2 indeterminate, 64 usage error, \
            65 bad input, 70 internal failure.
            """,
        subcommands: [
            Digest.self, Key.self, Raw.self, X509.self, Identity.self, Token.self, Sign.self, Verify.self,
            Credential.self,
            StatusListCommand.self, Notify.self, CatalogCommand.self, InteropCommand.self, AuditCommand.self,
            StoreCommand.self, Demo.self,
        ]
    )

    /// Replaces argument-parser's entry point so that every failure follows the exit-code table.
    static func main() async {
        bootstrapLogging()
        let status = await run(arguments: Array(CommandLine.arguments.dropFirst()))
        terminate(status)
    }

    /// Library logs go to stderr at `warning` and above, so that they never mix with the JSON on
    /// stdout or clutter the demo; `EGOV_LOG_LEVEL` (trace, debug, info, notice, warning, error,
    /// critical) changes the level.
    static func bootstrapLogging() {
        let level =
            ProcessInfo.processInfo.environment["EGOV_LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0) } ?? .warning
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    static func run(arguments: [String]) async -> Int32 {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            return report(error)
        }
        do {
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                var syncCommand = command
                try syncCommand.run()
            }
            return ExitStatus.ok.rawValue
        } catch {
            return report(error)
        }
    }

    /// Prints what `error` calls for and returns the exit status.
    private static func report(_ error: any Error) -> Int32 {
        switch error {
        case let exit as ExitCode:
            // A result already printed (e.g. {"valid": false}); only the status is left to set.
            return exit.rawValue
        case is CLIError, is any EGovError:
            let failure = CLIError.from(error)
            Output.printError(code: failure.code, reason: failure.reason)
            return failure.status.rawValue
        default:
            // argument-parser's own errors: help and version requests, and usage errors.
            if exitCode(for: error) == .success {
                Output.printText(fullMessage(for: error))
                return ExitStatus.ok.rawValue
            }
            Output.printError(code: "cli.usage", reason: message(for: error))
            return ExitStatus.usage.rawValue
        }
    }
}

/// `exit(3)`, flushing stdout (outside `EGov`, whose `exit(withError:)` would shadow the C function).
private func terminate(_ status: Int32) -> Never {
    exit(status)
}
