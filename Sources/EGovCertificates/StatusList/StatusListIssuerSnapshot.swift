/// The persistent state of a ``StatusListIssuer``: enough to restore it with
/// ``StatusListIssuer/init(snapshot:signingKey:keyID:clock:auditLog:auditActor:)`` so that no
/// index is ever allocated twice, even across restarts.
///
/// Both lists are stored in their published form (`lst`: base64url of ZLIB), so a snapshot of a
/// sparse list stays small. A snapshot is checked when it is restored, not when it is decoded.
public struct StatusListIssuerSnapshot: Sendable, Hashable, Codable {
    /// The Status List Token's URI.
    public var uri: String
    /// Bits per entry.
    public var bits: Int
    /// The number of allocatable indices.
    public var capacity: Int
    /// Whether indices are allocated in random order.
    public var randomIndices: Bool
    /// The next index sequential allocation tries first.
    public var nextSequentialIndex: Int
    /// The statuses, as `lst` with ``bits`` bits per entry.
    public var statuses: String
    /// The allocation map, as `lst` with 1 bit per index (1 = allocated).
    public var allocated: String

    /// Creates a snapshot.
    public init(
        uri: String, bits: Int, capacity: Int, randomIndices: Bool, nextSequentialIndex: Int, statuses: String,
        allocated: String
    ) {
        self.uri = uri
        self.bits = bits
        self.capacity = capacity
        self.randomIndices = randomIndices
        self.nextSequentialIndex = nextSequentialIndex
        self.statuses = statuses
        self.allocated = allocated
    }
}
