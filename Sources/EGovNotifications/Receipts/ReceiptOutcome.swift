/// What ``ReceiptProcessor`` did with an authenticated receipt.
public enum ReceiptOutcome: Sendable, Hashable {
    /// The receipt moved the delivery to this state.
    case applied(DeliveryState)
    /// The receipt (or its effect) was already processed; nothing changed.
    case duplicate
    /// The receipt is about an earlier channel the delivery has since left; nothing changed.
    case stale
}
