/// The outcome of ``TimeStampToken/verify(digest:hashAlgorithm:expectedNonce:trustAnchors:intermediates:crls:at:validator:)``.
public struct TimeStampVerification: Sendable, Hashable {
    /// Why verification failed, or `nil` when the token is valid.
    public let failure: TimeStampFailure?
    /// The validated TSA chain (TSA certificate first, trust anchor last); empty on failure.
    public let chain: [Certificate]

    /// Whether the token is valid for the expected data.
    public var isValid: Bool { failure == nil }

    /// Whether the result is neither valid nor definitely invalid (see
    /// ``TimeStampFailure/isIndeterminate``).
    public var isIndeterminate: Bool { failure?.isIndeterminate ?? false }

    /// A successful result with the validated chain.
    public static func valid(chain: [Certificate]) -> TimeStampVerification {
        TimeStampVerification(failure: nil, chain: chain)
    }

    /// A failed result.
    public static func invalid(_ failure: TimeStampFailure) -> TimeStampVerification {
        TimeStampVerification(failure: failure, chain: [])
    }

    private init(failure: TimeStampFailure?, chain: [Certificate]) {
        self.failure = failure
        self.chain = chain
    }
}
