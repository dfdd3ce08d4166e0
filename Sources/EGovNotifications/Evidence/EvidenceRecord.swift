import EGovCore
import EGovCrypto
import Foundation

/// One signed, hash-chained evidence record about a legally effective notice, modelled on the
/// evidence of ETSI EN 319 522-2.
///
/// ``body`` is signed as a compact JWS over its canonical JSON (RFC 8785); ``hash`` is the
/// SHA-256 of the JWS text, and the next record's ``Body-swift.struct/previousHash`` links to it.
public struct EvidenceRecord: Sendable, Hashable, Codable {
    /// The signed content of a record.
    public struct Body: Sendable, Hashable, Codable {
        /// The position in the notice's chain, from 0.
        public var sequence: Int
        /// The event type URI (``EvidenceEventType``).
        public var eventType: String
        /// When the event happened, milliseconds since 1970 (UTC).
        public var timeMilliseconds: Int64
        /// Who issued the evidence (the department).
        public var issuer: String
        /// The sender (the department).
        public var sender: String
        /// The recipient's account identifier.
        public var recipient: String
        /// The notice identifier.
        public var messageID: String
        /// The SHA-256 (hex) of the content the event concerns.
        public var contentDigest: String
        /// The channel, if the event concerns one.
        public var channel: NotificationChannel?
        /// The transport delivery identifier, if the event concerns one.
        public var deliveryID: String?
        /// The previous record's ``EvidenceRecord/hash``, or 64 zeros for the first record.
        public var previousHash: String

        /// Creates a body.
        public init(
            sequence: Int, eventType: String, timeMilliseconds: Int64, issuer: String, sender: String,
            recipient: String, messageID: String, contentDigest: String, channel: NotificationChannel?,
            deliveryID: String?, previousHash: String
        ) {
            self.sequence = sequence
            self.eventType = eventType
            self.timeMilliseconds = timeMilliseconds
            self.issuer = issuer
            self.sender = sender
            self.recipient = recipient
            self.messageID = messageID
            self.contentDigest = contentDigest
            self.channel = channel
            self.deliveryID = deliveryID
            self.previousHash = previousHash
        }

        /// The event time.
        public var time: Date { Date(timeIntervalSince1970: TimeInterval(timeMilliseconds) / 1_000) }
    }

    /// The signed content.
    public let body: Body
    /// The compact JWS over the canonical JSON of ``body``.
    public let jws: String

    /// Pairs a body with its signature (not verified: use `EvidenceChain/verify(_:key:expectedCount:)`).
    public init(body: Body, jws: String) {
        self.body = body
        self.jws = jws
    }

    /// The SHA-256 (hex) of the JWS text: what the next record links to.
    public var hash: String { Hex.encode(HashAlgorithm.sha256.hash(Array(jws.utf8))) }
}
