import EGovCore
import EGovCrypto
import Foundation

/// Building, verifying, exporting and importing per-notice evidence chains.
///
/// Verification is offline: it needs only the records and the department's verification key.
/// It detects an edited record (signature), a deleted or inserted record and a reordering
/// (sequence numbers and hash links) and a wrong key. Records removed from the end are only
/// detected against an independently kept count (`expectedCount`).
public enum EvidenceChain {
    /// The JWS `typ` of evidence records.
    public static let jwsType = "egov-evidence+jws"
    /// The `previousHash` of the first record.
    public static let genesisHash = String(repeating: "0", count: 64)

    /// Signs `body` (whose `sequence` and `previousHash` are set from `previous`) with `key`.
    ///
    /// - Throws: ``NotificationError/evidenceSigningFailed``.
    public static func makeRecord(
        _ body: EvidenceRecord.Body, after previous: EvidenceRecord?, key: any SigningKey
    ) async throws(NotificationError) -> EvidenceRecord {
        var body = body
        body.sequence = previous.map { $0.body.sequence + 1 } ?? 0
        body.previousHash = previous?.hash ?? genesisHash
        do {
            let payload = try CanonicalJSON.data(for: body)
            let jws = try await JWS.sign(
                payload: payload, header: JWSHeader(algorithm: key.algorithm, type: jwsType), key: key)
            return EvidenceRecord(body: body, jws: jws)
        } catch {
            throw .evidenceSigningFailed
        }
    }

    /// Verifies a whole chain, in order.
    ///
    /// - Parameters:
    ///   - records: the chain, first record first.
    ///   - key: the department's verification key.
    ///   - expectedCount: the number of records the chain must have, if known independently.
    public static func verify(
        _ records: [EvidenceRecord], key: any VerificationKey, expectedCount: Int? = nil
    ) -> EvidenceVerification {
        var previousHash = genesisHash
        let messageID = records.first?.body.messageID
        for (index, record) in records.enumerated() {
            guard record.body.sequence == index, record.body.previousHash == previousHash,
                record.body.messageID == messageID,
                let canonical = try? CanonicalJSON.data(for: record.body),
                let verified = try? JWS.verify(
                    record.jws, key: key, policy: JWSVerificationPolicy(expectedType: jwsType)),
                verified.payload == canonical
            else { return EvidenceVerification(valid: false, firstInvalidIndex: index) }
            previousHash = record.hash
        }
        if let expectedCount, expectedCount != records.count {
            return EvidenceVerification(valid: false, firstInvalidIndex: min(expectedCount, records.count))
        }
        return EvidenceVerification(valid: true, firstInvalidIndex: nil)
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

    /// Parses JSON lines written by ``exportJSONLines(_:)`` (blank lines ignored). Parsing does
    /// not verify: call ``verify(_:key:expectedCount:)`` on the result.
    ///
    /// Each line is first read by EGovCore's strict parser, so a duplicate member name (which a
    /// lenient decoder resolves by keeping one of the values), invalid UTF-8 or a lone surrogate
    /// escape is refused.
    ///
    /// - Throws: ``NotificationError/invalidEvidenceJSON(line:error:)`` for a line that is not
    ///   strict JSON, or ``NotificationError/malformedEvidence(line:)`` for one that is not a record.
    public static func importJSONLines(_ text: String) throws(NotificationError) -> [EvidenceRecord] {
        let decoder = JSONDecoder()
        var records: [EvidenceRecord] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            do {
                _ = try JSONValue.parse(Array(line.utf8), limits: jsonLimits)
            } catch {
                throw .invalidEvidenceJSON(line: index + 1, error: error)
            }
            guard let record = try? decoder.decode(EvidenceRecord.self, from: Data(line.utf8)) else {
                throw .malformedEvidence(line: index + 1)
            }
            records.append(record)
        }
        return records
    }

    /// Parses evidence records from a JSON array of records or from JSON lines
    /// (``importJSONLines(_:)``), whichever `text` holds. Parsing does not verify.
    ///
    /// - Throws: ``NotificationError/invalidEvidenceJSON(line:error:)`` naming the line of the
    ///   problem (its byte offset counts from the start of `text` for an array), or
    ///   ``NotificationError/malformedEvidence(line:)``.
    public static func importJSON(_ text: String) throws(NotificationError) -> [EvidenceRecord] {
        guard text.drop(while: \.isWhitespace).hasPrefix("[") else { return try importJSONLines(text) }
        let bytes = Array(text.utf8)
        do {
            _ = try JSONValue.parse(bytes, limits: .init(maximumBytes: Int.max, maximumDepth: 8))
        } catch {
            let line = 1 + bytes.prefix(error.offset).filter { $0 == 0x0A }.count
            throw .invalidEvidenceJSON(line: line, error: error)
        }
        do {
            return try JSONDecoder().decode([EvidenceRecord].self, from: Data(bytes))
        } catch {
            throw .malformedEvidence(line: 1)
        }
    }

    /// The strict-parser limits for one evidence record.
    private static let jsonLimits = JSONValue.Limits(maximumBytes: 1 << 20, maximumDepth: 8)
}
