/// An ``AuditLog`` held in memory, for tests and short-lived processes.
///
/// An actor, so concurrent appends are serialised and the chain stays intact.
public actor InMemoryAuditLog: AuditLog {
    private let hashFunction: any HashFunction
    private let clock: any WallClock
    private var stored: [AuditEntry] = []

    /// Creates an empty log.
    ///
    /// - Parameters:
    ///   - hashFunction: the chain's hash (EGovCrypto provides SHA-256 and SM3).
    ///   - clock: the source of entry times.
    public init(hashFunction: any HashFunction, clock: any WallClock = SystemClock()) {
        self.hashFunction = hashFunction
        self.clock = clock
    }

    /// Appends an event, stamping it with the clock's time, and returns the sealed entry.
    public func append(_ event: AuditEvent) throws(AuditLogError) -> AuditEntry {
        let entry = try AuditAppend.entry(
            appending: event, after: stored.last.map { ($0.sequence, $0.hash) }, at: clock.now(),
            hashFunction: hashFunction)
        stored.append(entry)
        return entry
    }

    /// Up to `limit` entries starting at sequence number `from`.
    public func entries(from: Int, limit: Int) throws(AuditLogError) -> [AuditEntry] {
        try AuditAppend.checkRange(from: from, limit: limit)
        guard from < stored.count else { return [] }
        let end = from + min(limit, stored.count - from)
        return Array(stored[from..<end])
    }

    /// The number of entries.
    public var count: Int { stored.count }

    /// Verifies the stored chain.
    public func verify() -> AuditVerification {
        AuditChain.verify(stored, hashFunction: hashFunction)
    }
}
