import Foundation

/// Remembers message IDs so that each signed message is processed once.
///
/// ``admit(messageID:sender:issuedAt:)`` must check the time window and record the ID
/// atomically: two concurrent calls with the same sender and ID may not both be accepted.
/// ``InMemoryReplayCache`` serves one process; a shared database (unique key on sender + ID,
/// expiry column) serves several. Every implementation runs the one ``ReplayAdmission`` algorithm
/// over its storage.
public protocol ReplayCache: Sendable {
    /// The time window applied.
    var window: ReplayWindow { get }

    /// Checks a message's time against ``window`` and records `sender` + `messageID` until
    /// ``ReplayWindow/expiry(of:)``.
    ///
    /// - Returns: ``ReplayVerdict/accepted`` when the message is new and timely; otherwise why not.
    /// - Throws: a ``StoreError`` when a durable cache's database fails (never answered as a verdict).
    func admit(messageID: String, sender: String, issuedAt: Date) async throws -> ReplayVerdict
}
