/// The outcome of verifying an evidence chain.
public struct EvidenceVerification: Sendable, Hashable {
    /// Whether every record verified and linked.
    public let valid: Bool
    /// The first record that failed (its index; the count when records are missing at the end,
    /// 0 for an empty chain).
    public let firstInvalidIndex: Int?

    /// Creates an outcome.
    public init(valid: Bool, firstInvalidIndex: Int?) {
        self.valid = valid
        self.firstInvalidIndex = firstInvalidIndex
    }
}
