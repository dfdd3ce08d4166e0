import EGovCore
import EGovCrypto
import Foundation

/// Building, verifying, exporting and importing per-notice evidence chains.
///
/// Verification is offline: it needs only the records and the department's verification key.
/// It detects an edited record (signature), a deleted or inserted record and a reordering
/// (sequence numbers and hash links) and a wrong key. Records removed from the end are only
/// detected against an independently kept count or last hash (`expectedCount`, `expectedHead`);
/// an empty chain never verifies.
public enum EvidenceChain {
    /// The JWS `typ` of evidence records.
    public static let jwsType = "egov-evidence+jws"
    /// The `previousHash` of the first record: the genesis hash of a SHA-256 chain (64 zeros), by
    /// EGovCore's one linking rule (`EGovCore/HashChain`).
    public static let genesisHash = HashChain.genesisHash(digestBytes: 32)

    /// Signs `body` (whose `sequence` and `previousHash` are set from `previous`) with `key`.
    ///
    /// - Throws: ``NotificationError/evidenceSigningFailed``.
    public static func makeRecord(
        _ body: EvidenceRecord.Body, after previous: EvidenceRecord?, key: any SigningKey
    ) async throws(NotificationError) -> EvidenceRecord {
        var body = body
        let link = HashChain.next(after: previous.map { ($0.body.sequence, $0.hash) }, genesis: genesisHash)
        body.sequence = link.sequence
        body.previousHash = link.previousHash
        do {
            let payload = try CanonicalJSON.data(for: body)
            let jws = try await JWS.sign(
                payload: payload, header: JWSHeader(algorithm: key.algorithm, type: jwsType), key: key)
            return EvidenceRecord(body: body, jws: jws)
        } catch {
            throw .evidenceSigningFailed
        }
    }

    /// The longest accepted exported record (one JSON line, or one element of a JSON array), in bytes.
    public static let maximumRecordBytes = 64 << 10

    /// Verifies a whole chain, in order. An empty chain is not valid: it proves nothing was signed.
    ///
    /// - Parameters:
    ///   - records: the chain, first record first.
    ///   - key: the department's verification key.
    ///   - expectedCount: the number of records the chain must have, if known independently.
    ///   - expectedHead: the ``EvidenceRecord/hash`` the last record must have, if known independently.
    public static func verify(
        _ records: [EvidenceRecord], key: any VerificationKey, expectedCount: Int? = nil, expectedHead: String? = nil
    ) -> EvidenceVerification {
        var verifier = EvidenceChainVerifier(key: key)
        for record in records { verifier.append(record) }
        return verifier.verification(expectedCount: expectedCount, expectedHead: expectedHead)
    }

    /// One JSON object per line (`{"body":…,"jws":…}`), in chain order.
    public static func exportJSONLines(_ records: [EvidenceRecord]) throws(NotificationError) -> String {
        var lines: [String] = []
        for record in records {
            do {
                lines.append(String(decoding: try CanonicalJSON.data(for: record), as: UTF8.self))
            } catch {
                throw .evidenceSigningFailed
            }
        }
        return lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")
    }

    /// Parses JSON lines written by ``exportJSONLines(_:)`` (blank lines ignored) with the strict
    /// JSON parser (a repeated member, an unknown member or a wrong type is malformed). Parsing
    /// does not verify: call ``verify(_:key:expectedCount:expectedHead:)`` on the result, or read
    /// and verify in one pass, line by line, with ``EvidenceChainReader``.
    ///
    /// - Throws: ``NotificationError/invalidEvidenceJSON(line:error:)`` for a line that is not
    ///   strict JSON (a duplicate member, invalid UTF-8, a lone surrogate escape),
    ///   ``NotificationError/malformedEvidence(line:)`` for one that is not a record,
    ///   ``NotificationError/evidenceRecordTooLong(line:limit:)``.
    public static func importJSONLines(_ text: String) throws(NotificationError) -> [EvidenceRecord] {
        var records: [EvidenceRecord] = []
        var lines = LineSplitter(maximumLineBytes: maximumRecordBytes)
        func read(_ line: LineSplitter.Line, _ number: Int) throws(NotificationError) {
            if let record = try Self.record(line, number: number) { records.append(record) }
        }
        try lines.feed(text.utf8, read)
        try lines.finish(read)
        return records
    }

    /// Parses a JSON array of records (the array form of an export) with the strict JSON parser.
    ///
    /// - Throws: ``NotificationError/invalidEvidenceJSON(line:error:)`` when the text is not strict
    ///   JSON (naming the line of the problem), ``NotificationError/malformedEvidence(line:)`` naming
    ///   the first bad element (counting from 1; 0 when the text is not a JSON array), or
    ///   ``NotificationError/evidenceRecordTooLong(line:limit:)`` for an element over the limit.
    public static func importJSONArray(_ bytes: some Collection<UInt8>) throws(NotificationError) -> [EvidenceRecord] {
        let limits = JSONValue.Limits(maximumBytes: Int.max, maximumDepth: 5, maximumStringBytes: maximumRecordBytes)
        let parsed: JSONValue
        do {
            parsed = try JSONValue.parse(bytes, limits: limits)
        } catch {
            let line = 1 + bytes.prefix(error.offset).filter { $0 == 0x0A }.count
            throw .invalidEvidenceJSON(line: line, error: error)
        }
        guard case .array(let elements) = parsed else { throw .malformedEvidence(line: 0) }
        var records: [EvidenceRecord] = []
        for (index, element) in elements.enumerated() {
            guard let serialized = try? CanonicalJSON.serialize(element) else {
                throw .malformedEvidence(line: index + 1)
            }
            guard serialized.count <= maximumRecordBytes else {
                throw .evidenceRecordTooLong(line: index + 1, limit: maximumRecordBytes)
            }
            guard let record = Self.record(element) else { throw .malformedEvidence(line: index + 1) }
            records.append(record)
        }
        return records
    }

    /// Parses evidence records from a JSON array of records (``importJSONArray(_:)``) or from JSON
    /// lines (``importJSONLines(_:)``), whichever `text` holds. Parsing does not verify.
    public static func importJSON(_ text: String) throws(NotificationError) -> [EvidenceRecord] {
        guard text.drop(while: \.isWhitespace).hasPrefix("[") else { return try importJSONLines(text) }
        return try importJSONArray(Array(text.utf8))
    }

    /// The record on line `number`, or `nil` for a blank line.
    static func record(_ line: LineSplitter.Line, number: Int) throws(NotificationError) -> EvidenceRecord? {
        guard case .line(let bytes) = line else {
            throw .evidenceRecordTooLong(line: number, limit: maximumRecordBytes)
        }
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, limits: recordLimits)
        } catch {
            throw .invalidEvidenceJSON(line: number, error: error)
        }
        guard let record = Self.record(value) else { throw .malformedEvidence(line: number) }
        return record
    }

    /// Limits for parsing one record.
    static let recordLimits = JSONValue.Limits(
        maximumBytes: maximumRecordBytes, maximumDepth: 4, maximumStringBytes: maximumRecordBytes)

    /// The record `value` holds (parsed by the strict parser), if it is exactly one: no unknown,
    /// null or mistyped members.
    static func record(_ value: JSONValue) -> EvidenceRecord? {
        guard case .object = value, let bytes = try? CanonicalJSON.serialize(value),
            let record = try? JSONDecoder().decode(EvidenceRecord.self, from: Data(bytes)),
            let again = try? CanonicalJSON.data(for: record), again == bytes
        else { return nil }
        return record
    }
}

/// Verifies an evidence chain one record at a time, keeping only the running state (the previous
/// hash, the count), so a chain of any length is checked in constant memory.
public struct EvidenceChainVerifier: Sendable {
    private let key: any VerificationKey
    /// The number of records appended.
    public private(set) var count = 0
    /// The ``EvidenceRecord/hash`` of the last record appended, or `nil` before the first.
    public private(set) var head: String?
    private var messageID: String?
    private var firstInvalid: Int?

    /// Creates a verifier for records signed with `key`'s counterpart.
    public init(key: any VerificationKey) {
        self.key = key
    }

    /// Checks the next record: its sequence number, its link to the previous record, its notice,
    /// and its signature over exactly its body.
    public mutating func append(_ record: EvidenceRecord) {
        defer {
            count += 1
            head = record.hash
        }
        guard firstInvalid == nil else { return }
        if count == 0 { messageID = record.body.messageID }
        guard
            HashChain.check(
                sequence: record.body.sequence, previousHash: record.body.previousHash,
                expected: (count, head ?? EvidenceChain.genesisHash)) == nil,
            record.body.messageID == messageID,
            let canonical = try? CanonicalJSON.data(for: record.body),
            let verified = try? JWS.verify(
                record.jws, key: key, policy: JWSVerificationPolicy(expectedType: EvidenceChain.jwsType)),
            verified.payload == canonical
        else {
            firstInvalid = count
            return
        }
    }

    /// The outcome for the records appended so far: invalid at the first bad record, at 0 for an
    /// empty chain, and, when the count or last hash differs from what is expected, at the first
    /// missing record (the count read).
    public func verification(expectedCount: Int? = nil, expectedHead: String? = nil) -> EvidenceVerification {
        if let firstInvalid { return EvidenceVerification(valid: false, firstInvalidIndex: firstInvalid) }
        guard count > 0 else { return EvidenceVerification(valid: false, firstInvalidIndex: 0) }
        if let expectedCount, expectedCount != count {
            return EvidenceVerification(valid: false, firstInvalidIndex: min(expectedCount, count))
        }
        if let expectedHead, expectedHead != head {
            return EvidenceVerification(valid: false, firstInvalidIndex: count)
        }
        return EvidenceVerification(valid: true, firstInvalidIndex: nil)
    }
}

/// Reads and verifies exported evidence (JSON lines, ``EvidenceChain/exportJSONLines(_:)``) fed in
/// chunks of any size, one record at a time: memory stays within a small multiple of
/// ``EvidenceChain/maximumRecordBytes`` whatever the size of the file.
public struct EvidenceChainReader: Sendable {
    private var lines = LineSplitter(maximumLineBytes: EvidenceChain.maximumRecordBytes)
    /// The chain verified so far.
    public private(set) var verifier: EvidenceChainVerifier

    /// Creates a reader for records signed with `key`'s counterpart.
    public init(key: any VerificationKey) {
        verifier = EvidenceChainVerifier(key: key)
    }

    /// Reads the next chunk.
    ///
    /// - Throws: ``NotificationError/malformedEvidence(line:)``,
    ///   ``NotificationError/evidenceRecordTooLong(line:limit:)``.
    public mutating func consume(_ chunk: some Collection<UInt8>) throws(NotificationError) {
        var lines = self.lines
        defer { self.lines = lines }
        try lines.feed(chunk) { (line: LineSplitter.Line, number: Int) throws(NotificationError) in
            if let record = try EvidenceChain.record(line, number: number) { verifier.append(record) }
        }
    }

    /// Ends the input and returns the outcome
    /// (see ``EvidenceChainVerifier/verification(expectedCount:expectedHead:)``).
    ///
    /// - Throws: as ``consume(_:)``, for a last line without a final newline.
    public mutating func finish(expectedCount: Int? = nil, expectedHead: String? = nil) throws(NotificationError)
        -> EvidenceVerification
    {
        var lines = self.lines
        defer { self.lines = lines }
        try lines.finish { (line: LineSplitter.Line, number: Int) throws(NotificationError) in
            if let record = try EvidenceChain.record(line, number: number) { verifier.append(record) }
        }
        return verifier.verification(expectedCount: expectedCount, expectedHead: expectedHead)
    }
}
