/// The one linking rule of EGovKit's hash chains (the audit log, notice evidence, interop audit):
/// element *n* carries sequence number *n* and the hash of element *n − 1*; the first element links
/// to the genesis hash, zeros as long as the chain's digest in hexadecimal.
///
/// What an element's hash covers is the chain's own business (an audit entry hashes its canonical
/// JSON, an evidence record its signed JWS); how elements link is decided here, once.
public enum HashChain {
    /// The last element of a chain: its sequence number and hash.
    public typealias Head = (sequence: Int, hash: String)

    /// Why an element does not follow the head of its chain.
    public enum LinkFailure: Sendable, Hashable {
        /// The sequence number is not the head's plus one (or 0 for the first element).
        case sequenceGap
        /// The previous hash is not the head's hash (or the genesis hash for the first element).
        case brokenLink
    }

    /// The previous hash of a chain's first element, for a digest of `digestBytes` bytes: two hex
    /// zeros per byte (64 for SHA-256 and SM3).
    public static func genesisHash(digestBytes: Int) -> String {
        String(repeating: "0", count: digestBytes * 2)
    }

    /// The genesis hash for chains hashed with `hashFunction`.
    public static func genesisHash(for hashFunction: any HashFunction) -> String {
        genesisHash(digestBytes: hashFunction.hash([]).count)
    }

    /// The sequence number and previous hash of the element that follows `head` (`nil`: the chain
    /// is empty).
    public static func next(after head: Head?, genesis: String) -> (sequence: Int, previousHash: String) {
        guard let head else { return (0, genesis) }
        return (head.sequence + 1, head.hash)
    }

    /// Whether an element with `sequence` and `previousHash` sits where `expected` says (what
    /// ``next(after:genesis:)`` gives for the chain read so far), or why not.
    public static func check(
        sequence: Int, previousHash: String, expected: (sequence: Int, previousHash: String)
    ) -> LinkFailure? {
        guard sequence == expected.sequence else { return .sequenceGap }
        guard previousHash == expected.previousHash else { return .brokenLink }
        return nil
    }
}
