import EGovCore

extension TypedIdentifier {
    /// Test-only: wraps a literal known to be valid (fails the test run loudly otherwise).
    init(test literal: String) {
        guard let value = try? Self(literal) else { preconditionFailure("invalid test identifier literal") }
        self = value
    }
}
