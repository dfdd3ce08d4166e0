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
    /// - Throws: ``NotificationError/malformedEvidence(line:)``.
    public static func importJSONLines(_ text: String) throws(NotificationError) -> [EvidenceRecord] {
        let decoder = JSONDecoder()
        var records: [EvidenceRecord] = []
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.allSatisfy(\.isWhitespace) { continue }
            guard let record = try? decoder.decode(EvidenceRecord.self, from: Data(line.utf8)) else {
                throw .malformedEvidence(line: index + 1)
            }
            records.append(record)
        }
        return records
    }
}
