import EGovCore
import EGovCrypto
import Foundation

/// Signs and appends evidence records for legally effective notices.
public struct EvidenceRecorder: Sendable {
    private let store: any NotificationStore
    private let key: any SigningKey
    private let issuer: String?

    /// Creates a recorder.
    ///
    /// - Parameters:
    ///   - store: where the chains are kept.
    ///   - key: the department's evidence signing key.
    ///   - issuer: the evidence issuer; `nil` to use each notice's department.
    public init(store: any NotificationStore, key: any SigningKey, issuer: String? = nil) {
        self.store = store
        self.key = key
        self.issuer = issuer
    }

    /// Appends a record of `type` for `notice` if it is legally effective (otherwise does nothing).
    ///
    /// Retries a few times if another writer extended the chain concurrently.
    ///
    /// - Throws: ``NotificationError/evidenceSigningFailed``,
    ///   ``NotificationError/evidenceChainConflict`` after repeated conflicts, or
    ///   ``NotificationError/store(_:)`` when the chain cannot be read.
    public func record(
        _ type: EvidenceEventType, notice: Notice, channel: NotificationChannel?, contentDigest: String, at time: Date
    ) async throws(NotificationError) {
        guard notice.category == .legallyEffective else { return }
        let body = EvidenceRecord.Body(
            sequence: 0, eventType: type.rawValue,
            timeMilliseconds: Int64((time.timeIntervalSince1970 * 1_000).rounded(.down)),
            issuer: issuer ?? notice.department, sender: notice.department, recipient: notice.recipientAccountID,
            messageID: notice.id.rawValue, contentDigest: contentDigest, channel: channel,
            deliveryID: channel.map { TransportDeliveryID(noticeID: notice.id, channel: $0).rawValue },
            previousHash: EvidenceChain.genesisHash)
        for _ in 0..<8 {
            let previous: EvidenceRecord?
            do { previous = try await store.evidence(for: notice.id).last } catch { throw .store(error) }
            let record = try await EvidenceChain.makeRecord(body, after: previous, key: key)
            do {
                try await store.appendEvidence(record)
                return
            } catch .evidenceChainConflict {
                continue
            }
        }
        throw .evidenceChainConflict
    }

    /// The SHA-256 (hex) of a notice's canonical JSON: the content digest of a submission.
    public static func digest(of notice: Notice) -> String {
        let bytes = (try? CanonicalJSON.data(for: notice)) ?? Array(notice.id.rawValue.utf8)
        return Hex.encode(HashAlgorithm.sha256.hash(bytes))
    }
}
