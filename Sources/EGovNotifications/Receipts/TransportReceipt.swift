/// A transport's callback about one delivery, as JSON:
/// `{"receiptID":"…","deliveryID":"<notice id>#<channel>","status":"delivered"}`.
public struct TransportReceipt: Sendable, Hashable, Codable {
    /// What the transport reports.
    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        /// Delivered to the recipient.
        case delivered
        /// Read by the recipient.
        case read
        /// Failed, may succeed on retry.
        case failedTemporary
        /// Failed for good on this channel.
        case failedPermanent
    }

    /// The transport's identifier for this callback (used to drop duplicates).
    public var receiptID: String
    /// The delivery the receipt is about (``TransportDeliveryID/rawValue``).
    public var deliveryID: String
    /// What happened.
    public var status: Status

    /// Creates a receipt.
    public init(receiptID: String, deliveryID: String, status: Status) {
        self.receiptID = receiptID
        self.deliveryID = deliveryID
        self.status = status
    }
}
