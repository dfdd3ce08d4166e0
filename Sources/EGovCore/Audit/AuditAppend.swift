import Foundation

/// The rules of an ``AuditLog``, written once: the in-memory, SQLite and PostgreSQL logs call them
/// inside their serialised append (actor step or transaction) and only persist and query.
public enum AuditAppend {
    /// The entry that appends `event` at `time` to a chain whose last entry is `head`: the next
    /// sequence number, linked to the head's hash (or the genesis hash of an empty chain), sealed
    /// with `hashFunction`.
    ///
    /// - Parameters:
    ///   - event: what is recorded.
    ///   - head: the sequence number and hash of the chain's last entry, `nil` when empty.
    ///   - time: the entry's time (kept to the millisecond).
    ///   - hashFunction: the chain's hash.
    /// - Throws: ``AuditLogError/serializationFailed(_:)``.
    public static func entry(
        appending event: AuditEvent, after head: (sequence: Int, hash: String)?, at time: Date,
        hashFunction: any HashFunction
    ) throws(AuditLogError) -> AuditEntry {
        let link = HashChain.next(after: head, genesis: AuditChain.genesisHash(for: hashFunction))
        do {
            return try AuditEntry.sealed(
                sequence: link.sequence, time: time, event: event, previousHash: link.previousHash,
                hashFunction: hashFunction)
        } catch {
            throw .serializationFailed(error)
        }
    }

    /// Checks the arguments of ``AuditLog/entries(from:limit:)``.
    ///
    /// - Throws: ``AuditLogError/invalidRange`` for a negative start or limit.
    public static func checkRange(from: Int, limit: Int) throws(AuditLogError) {
        guard from >= 0, limit >= 0 else { throw .invalidRange }
    }

    /// Verifies a stored chain read as `rows`, in order: a row that `decode` cannot turn into an
    /// entry (damaged in the database) is reported as a hash mismatch at its position; the decoded
    /// chain is checked by ``AuditChain/verify(_:hashFunction:expectedHead:expectedCount:)``.
    public static func verify<Row>(
        rows: [Row], hashFunction: any HashFunction, decode: (Row) throws -> AuditEntry
    ) -> AuditVerification {
        var entries: [AuditEntry] = []
        entries.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            guard let entry = try? decode(row) else {
                return .invalid(entryCount: rows.count, at: index, .hashMismatch, head: entries.last?.hash)
            }
            entries.append(entry)
        }
        return AuditChain.verify(entries, hashFunction: hashFunction)
    }
}
