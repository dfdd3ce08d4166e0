/// The decision of a ``ReplayCache``.
public enum ReplayVerdict: String, Sendable, Hashable, CaseIterable {
    /// First time seen, within the window; now recorded.
    case accepted
    /// The same sender already used this message ID within the window.
    case replayed
    /// The message is older than the window allows.
    case tooOld
    /// The message is dated further ahead than the clock skew allows.
    case tooFarInFuture
    /// The cache is full of live entries; the message cannot be checked (a provider fault).
    case capacityExceeded
}
