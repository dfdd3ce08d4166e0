import Foundation
import Testing

/// The programs in Examples/ build (CI builds every target) and run to a successful end.
@Suite struct ExamplesTests {
    @Test(arguments: [
        "example-verify-signed-application", "example-issue-and-verify-licence", "example-custom-transport",
    ])
    func exampleRunsToSuccess(name: String) async throws {
        let result = try await CLIRunner.run(CLIRunner.executable(named: name), [], stdin: nil, in: nil)
        #expect(result.status == 0, "\(name) exited \(result.status): \(result.stdout) \(result.stderr)")
        #expect(!result.stdout.isEmpty)
    }
}
