/// The outcome of ``CertificateChainValidator/validate(_:intermediates:trustAnchors:crls:at:purpose:revocation:)``.
public struct ChainValidationResult: Sendable, Hashable {
    /// The validated chain, leaf first and trust anchor last; empty when validation failed.
    public let chain: [Certificate]
    /// Why validation failed, or `nil` when it succeeded.
    public let failure: ChainValidationFailure?

    /// Whether the chain is valid for the requested purpose at the requested time.
    public var isValid: Bool { failure == nil }

    /// Whether the result is neither valid nor definitely invalid (see
    /// ``ChainValidationFailure/isIndeterminate``).
    public var isIndeterminate: Bool { failure?.isIndeterminate ?? false }

    /// A successful result.
    public static func valid(chain: [Certificate]) -> ChainValidationResult {
        ChainValidationResult(chain: chain, failure: nil)
    }

    /// A failed result.
    public static func invalid(_ failure: ChainValidationFailure) -> ChainValidationResult {
        ChainValidationResult(chain: [], failure: failure)
    }

    private init(chain: [Certificate], failure: ChainValidationFailure?) {
        self.chain = chain
        self.failure = failure
    }
}
