/// Verification of an audit hash chain.
///
/// A hash chain detects alteration, deletion, insertion and reordering of entries *within* the
/// chain. It cannot by itself detect the removal of entries at the end, or a wholesale rewrite by
/// someone who recomputes every hash (the hash is public, not keyed): for that, compare against a
/// head hash and count published or stored elsewhere, via `expectedHead` and `expectedCount`.
public enum AuditChain {
    /// The `previousHash` of the first entry for `hashFunction`: zeros, one hex digit per nibble of
    /// its digest (64 for SHA-256).
    public static func genesisHash(for hashFunction: any HashFunction) -> String {
        HashChain.genesisHash(for: hashFunction)
    }

    /// Verifies a complete chain, starting at sequence 0.
    ///
    /// Checks, for each entry in order: the algorithm identifier, that the sequence number equals
    /// the position, that `previousHash` links to the previous entry (or the genesis hash), and
    /// that `hash` matches the recomputed digest. Then, if given, the expected count and head.
    ///
    /// - Parameters:
    ///   - entries: the whole chain, in order.
    ///   - hashFunction: the algorithm the chain was built with.
    ///   - expectedHead: the hash the last entry must have (from an independently stored checkpoint).
    ///   - expectedCount: the number of entries the chain must have.
    /// - Returns: the verification outcome, naming the first invalid entry.
    public static func verify(
        _ entries: [AuditEntry], hashFunction: any HashFunction, expectedHead: String? = nil,
        expectedCount: Int? = nil
    ) -> AuditVerification {
        var previous = genesisHash(for: hashFunction)
        for (index, entry) in entries.enumerated() {
            if let failure = check(entry, at: index, previousHash: previous, hashFunction: hashFunction) {
                let head: String? = index > 0 ? entries[index - 1].hash : nil
                return .invalid(entryCount: entries.count, at: index, failure, head: head)
            }
            previous = entry.hash
        }
        let head = entries.last?.hash
        if let expectedCount, expectedCount != entries.count {
            return .invalid(
                entryCount: entries.count, at: min(expectedCount, entries.count), .countMismatch, head: head
            )
        }
        if let expectedHead, expectedHead != head {
            return .invalid(entryCount: entries.count, at: entries.count, .headMismatch, head: head)
        }
        return .valid(entryCount: entries.count, head: head)
    }

    /// Checks one entry of a chain read in order (for streaming verifiers): the algorithm
    /// identifier, that the sequence number is `index`, that `previousHash` is `previousHash` (the
    /// previous entry's hash, or the genesis hash for index 0), and the recomputed hash.
    ///
    /// - Returns: why the entry is invalid, or `nil` when it is valid.
    public static func check(
        _ entry: AuditEntry, at index: Int, previousHash: String, hashFunction: any HashFunction
    ) -> AuditVerification.Failure? {
        guard entry.hashAlgorithm == hashFunction.identifier else { return .algorithmMismatch }
        switch HashChain.check(
            sequence: entry.sequence, previousHash: entry.previousHash, expected: (index, previousHash))
        {
        case .sequenceGap: return .sequenceGap
        case .brokenLink: return .brokenLink
        case nil: break
        }
        guard let recomputed = try? entry.computeHash(using: hashFunction), recomputed == entry.hash else {
            return .hashMismatch
        }
        return nil
    }
}
