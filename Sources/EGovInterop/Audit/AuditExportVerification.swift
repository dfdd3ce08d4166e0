/// The outcome of verifying an exported audit log (``AuditExportVerifier``).
///
/// JSON shape (`firstInvalid` and `reason` are `null` when valid):
/// `{"valid": false, "entries": 12, "signedEntries": 10, "checkpoints": 2, "firstInvalid": 7, "reason": "hashMismatch"}`
public struct AuditExportVerification: Sendable, Hashable, Codable {
    /// Why an export failed verification.
    public enum Reason: String, Sendable, Hashable, Codable, CaseIterable {
        /// A line is not a well-formed entry or checkpoint line.
        case malformedLine
        /// A line is longer than the verifier's limit.
        case lineTooLong
        /// An entry's stored hash does not match its content (the entry was edited).
        case hashMismatch
        /// An entry's `previousHash` is not the previous entry's hash (an entry was removed,
        /// inserted or replaced before it).
        case brokenLink
        /// An entry's sequence number is not its position (deleted, inserted or moved entries).
        case sequenceGap
        /// An entry names a different hash algorithm than the header.
        case algorithmMismatch
        /// A checkpoint's signature does not verify with the key (forged, or the wrong key).
        case checkpointSignatureInvalid
        /// A checkpoint line does not carry exactly its signed payload, or the payload is malformed.
        case checkpointMalformed
        /// A checkpoint's count differs from the number of entries before it (entries missing or
        /// added before the checkpoint, or the checkpoint moved).
        case checkpointCountMismatch
        /// A checkpoint's head is not the hash of the last entry it covers (the covered entries
        /// were rewritten).
        case checkpointHeadMismatch
        /// A checkpoint's hash algorithm differs from the header's, or its count goes backwards.
        case checkpointInconsistent
        /// The log has entries but no checkpoint covering any of them, so nothing is signed.
        case noCheckpoint
        /// The number of entries differs from the count the verifier was told to expect.
        case countMismatch
        /// The last entry's hash differs from the head the verifier was told to expect.
        case headMismatch
    }

    /// Whether the whole export verified.
    public let valid: Bool
    /// The number of well-formed entries read (up to the first malformed line).
    public let entries: Int
    /// The number of entries vouched for by verified checkpoints: entries `0..<signedEntries` are
    /// covered by the last checkpoint that verified before any checkpoint failed. Entries after
    /// it are hash-chained but not signed (or, after a failed checkpoint, not vouched for).
    public let signedEntries: Int
    /// The number of checkpoints read.
    public let checkpoints: Int
    /// The position (counting from 0, as `sequence` does) of the first entry that cannot be
    /// trusted; `nil` when valid. It is the smallest of:
    /// - the first entry whose hash chain fails (edited, moved, missing before it);
    /// - when a checkpoint fails (signature, count, head), the first entry not covered by a
    ///   verified checkpoint, i.e. ``signedEntries``: an inserted, removed or rewritten entry lies
    ///   at or after it, at or before the failing checkpoint, and nothing from there on is vouched
    ///   for;
    /// - the first malformed line's position;
    /// - for entries missing at the end (expected count or head), the number of entries present.
    public let firstInvalid: Int?
    /// Why the export is invalid; `nil` when valid.
    public let reason: Reason?
    /// The last entry's hash (or `nil` for an empty log).
    public let head: String?

    /// Creates an outcome.
    public init(
        valid: Bool, entries: Int, signedEntries: Int, checkpoints: Int, firstInvalid: Int?, reason: Reason?,
        head: String?
    ) {
        self.valid = valid
        self.entries = entries
        self.signedEntries = signedEntries
        self.checkpoints = checkpoints
        self.firstInvalid = firstInvalid
        self.reason = reason
        self.head = head
    }

    private enum CodingKeys: String, CodingKey {
        case valid, entries, signedEntries, checkpoints, firstInvalid, reason, head
    }

    /// Encodes every member, writing `null` for absent ones.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(valid, forKey: .valid)
        try container.encode(entries, forKey: .entries)
        try container.encode(signedEntries, forKey: .signedEntries)
        try container.encode(checkpoints, forKey: .checkpoints)
        try container.encode(firstInvalid, forKey: .firstInvalid)
        try container.encode(reason, forKey: .reason)
        try container.encode(head, forKey: .head)
    }
}
