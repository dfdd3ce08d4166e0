/// The outcome of checking an audit hash chain.
public struct AuditVerification: Hashable, Sendable, Codable {
    /// Why a chain failed verification.
    public enum Failure: String, Hashable, Sendable, Codable {
        /// An entry's stored hash does not match its content (the entry was altered).
        case hashMismatch
        /// An entry's `previousHash` is not the previous entry's hash (an entry was removed,
        /// inserted or replaced before it).
        case brokenLink
        /// An entry's sequence number is not its position (an entry was deleted, inserted or moved).
        case sequenceGap
        /// An entry names a different hash algorithm than the verifier uses.
        case algorithmMismatch
        /// The chain has a different number of entries than expected (e.g. it was truncated).
        case countMismatch
        /// The last entry's hash is not the expected head (e.g. the chain was truncated or rewritten).
        case headMismatch
    }

    /// Whether the whole chain verified.
    public let isValid: Bool
    /// How many entries were examined.
    public let entryCount: Int
    /// The index of the first invalid entry; equal to ``entryCount`` when entries are missing at
    /// the end. `nil` when valid.
    public let firstInvalidIndex: Int?
    /// Why verification failed; `nil` when valid.
    public let failure: Failure?
    /// The hash of the last entry, if any (publish it to detect later truncation).
    public let head: String?

    /// A successful verification of `entryCount` entries ending at `head`.
    public static func valid(entryCount: Int, head: String?) -> AuditVerification {
        AuditVerification(
            isValid: true, entryCount: entryCount, firstInvalidIndex: nil, failure: nil, head: head)
    }

    /// A failed verification.
    public static func invalid(entryCount: Int, at index: Int, _ failure: Failure, head: String?)
        -> AuditVerification
    {
        AuditVerification(
            isValid: false, entryCount: entryCount, firstInvalidIndex: index, failure: failure, head: head
        )
    }

    private init(
        isValid: Bool, entryCount: Int, firstInvalidIndex: Int?, failure: Failure?, head: String?
    ) {
        self.isValid = isValid
        self.entryCount = entryCount
        self.firstInvalidIndex = firstInvalidIndex
        self.failure = failure
        self.head = head
    }
}
