import Foundation

/// One link of the audit hash chain: an ``AuditEvent`` with its position, time and hashes.
///
/// ## JSON shape
///
/// ```json
/// {
///   "sequence": 0,
///   "time": "2026-01-31T09:30:00.250Z",
///   "event": {"actor": "…", "action": "consent.granted", "subject": "…"},
///   "hashAlgorithm": "sha-256",
///   "previousHash": "0000…0000",
///   "hash": "3f1a…"
/// }
/// ```
///
/// `time` is RFC 3339 UTC with exactly three fractional digits; hashes are lowercase hex.
///
/// ## Hash
///
/// `hash` is the lowercase hex digest, under `hashAlgorithm`, of the RFC 8785 canonical JSON of the
/// entry object **without** its `hash` member. Anyone can recompute it from an exported entry:
/// delete `hash`, canonicalise (``CanonicalJSON``), hash. The first entry's `previousHash` is all
/// zeros, as many hex digits as the algorithm's digest.
public struct AuditEntry: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The position in the log, counting from 0.
    public let sequence: Int
    /// When the entry was appended, with millisecond precision.
    public let time: Date
    /// What happened.
    public let event: AuditEvent
    /// The identifier of the hash algorithm (``HashFunction/identifier``), e.g. `sha-256`.
    public let hashAlgorithm: String
    /// The ``hash`` of the previous entry, or zeros for the first entry.
    public let previousHash: String
    /// The lowercase hex digest of this entry's canonical JSON without the `hash` member.
    public let hash: String

    /// Creates an entry with explicit fields (used when importing; use ``sealed(sequence:time:event:previousHash:hashFunction:)``
    /// to compute the hash). The time is rounded to whole milliseconds.
    public init(
        sequence: Int, time: Date, event: AuditEvent, hashAlgorithm: String, previousHash: String,
        hash: String
    ) {
        self.sequence = sequence
        self.time = RFC3339Time.truncate(time, to: .milliseconds)
        self.event = event
        self.hashAlgorithm = hashAlgorithm
        self.previousHash = previousHash
        self.hash = hash
    }

    /// Creates an entry and computes its ``hash`` with `hashFunction`.
    public static func sealed(
        sequence: Int, time: Date, event: AuditEvent, previousHash: String,
        hashFunction: any HashFunction
    ) throws(CanonicalJSON.SerializationError) -> AuditEntry {
        let unsealed = AuditEntry(
            sequence: sequence, time: time, event: event, hashAlgorithm: hashFunction.identifier,
            previousHash: previousHash, hash: "")
        return AuditEntry(
            sequence: sequence, time: unsealed.time, event: event, hashAlgorithm: hashFunction.identifier,
            previousHash: previousHash, hash: try unsealed.computeHash(using: hashFunction))
    }

    /// The bytes that ``hash`` covers: the canonical JSON of this entry without `hash`.
    public func hashedBytes() throws(CanonicalJSON.SerializationError) -> [UInt8] {
        try CanonicalJSON.serialize(
            .object([
                "sequence": .number(Double(sequence)),
                "time": .string(RFC3339Time.format(time, precision: .milliseconds)),
                "event": event.jsonValue,
                "hashAlgorithm": .string(hashAlgorithm),
                "previousHash": .string(previousHash),
            ]))
    }

    /// Recomputes the hash of this entry's content with `hashFunction` (lowercase hex).
    public func computeHash(using hashFunction: any HashFunction) throws(CanonicalJSON
        .SerializationError) -> String
    {
        Hex.encode(hashFunction.hash(try hashedBytes()))
    }

    private enum CodingKeys: String, CodingKey {
        case sequence, time, event, hashAlgorithm, previousHash, hash
    }

    /// Decodes an entry; `time` must be `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let timeText = try container.decode(String.self, forKey: .time)
        guard let time = RFC3339Time.parse(timeText, precision: .milliseconds) else {
            throw DecodingError.dataCorruptedError(
                forKey: .time, in: container,
                debugDescription: "time must be RFC 3339 UTC with milliseconds")
        }
        self.init(
            sequence: try container.decode(Int.self, forKey: .sequence),
            time: time,
            event: try container.decode(AuditEvent.self, forKey: .event),
            hashAlgorithm: try container.decode(String.self, forKey: .hashAlgorithm),
            previousHash: try container.decode(String.self, forKey: .previousHash),
            hash: try container.decode(String.self, forKey: .hash))
    }

    /// Encodes the entry in the documented JSON shape.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(sequence, forKey: .sequence)
        try container.encode(RFC3339Time.format(time, precision: .milliseconds), forKey: .time)
        try container.encode(event, forKey: .event)
        try container.encode(hashAlgorithm, forKey: .hashAlgorithm)
        try container.encode(previousHash, forKey: .previousHash)
        try container.encode(hash, forKey: .hash)
    }

    /// A summary without event details.
    public var description: String {
        "AuditEntry(#\(sequence) \(RFC3339Time.format(time, precision: .milliseconds)) \(event) hash: \(hash))"
    }
}
