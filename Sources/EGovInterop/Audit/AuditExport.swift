import EGovCore
import Foundation

/// The JSON Lines export of an audit log: a versioned header line, then the entries in sequence
/// order with each checkpoint placed right after the last entry it covers.
///
/// Every line is one RFC 8785 canonical JSON object followed by `\n`:
///
/// ```text
/// {"format":"egov-audit-log","hashAlgorithm":"sha-256","type":"header","version":"1"}
/// {"entry":{"event":{…},"hash":"…","hashAlgorithm":"sha-256","previousHash":"000…","sequence":0,"time":"…"},"type":"entry"}
/// {"checkpoint":{"count":1,"hashAlgorithm":"sha-256","head":"…",…},"jws":"eyJ…","type":"checkpoint"}
/// ```
///
/// The `checkpoint` member repeats the JWS payload for readers; verifiers use the signed payload
/// and require the two to be identical. Verify with ``AuditExportVerifier``.
public enum AuditExport {
    /// The header's `format` member.
    public static let format = "egov-audit-log"

    /// Serialises `entries` (sequence order, starting at 0) and `checkpoints` as JSON Lines.
    ///
    /// Checkpoints covering more entries than given are left out; checkpoints are ordered by
    /// `count` and written after the entry with sequence `count - 1` (before the first entry for
    /// a count of 0).
    ///
    /// - Throws: ``ExchangeAuditError/logFailed(code:)`` if an entry cannot be serialised.
    public static func jsonLines(
        entries: [AuditEntry], checkpoints: [AuditCheckpoint], hashAlgorithm: String
    ) throws(ExchangeAuditError) -> [UInt8] {
        var output: [UInt8] = []
        func line(_ value: JSONValue) throws(ExchangeAuditError) {
            do {
                output += try CanonicalJSON.serialize(value)
            } catch {
                throw .logFailed(code: error.code)
            }
            output.append(0x0A)
        }
        try line(
            .object([
                "type": .string("header"), "format": .string(format), "version": .string(InteropVersion.current),
                "hashAlgorithm": .string(hashAlgorithm),
            ]))
        let ordered = checkpoints.filter { $0.count <= entries.count }.sorted { $0.count < $1.count }
        var next = 0
        func flush(upTo count: Int) throws(ExchangeAuditError) {
            while next < ordered.count, ordered[next].count <= count {
                try line(
                    .object([
                        "type": .string("checkpoint"), "checkpoint": ordered[next].payload,
                        "jws": .string(ordered[next].jws),
                    ]))
                next += 1
            }
        }
        try flush(upTo: 0)
        for (index, entry) in entries.enumerated() {
            let entryValue: JSONValue
            do {
                entryValue = try JSONValue.parse(try CanonicalJSON.data(for: entry))
            } catch {
                throw .logFailed(code: "core.audit.serialization_failed")
            }
            try line(.object(["type": .string("entry"), "entry": entryValue]))
            try flush(upTo: index + 1)
        }
        return output
    }
}
