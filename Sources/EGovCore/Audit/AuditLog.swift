/// An append-only, hash-chained record of security-relevant events.
///
/// Each appended ``AuditEvent`` becomes an ``AuditEntry`` whose hash covers its content and the
/// previous entry's hash, so that any later change is detectable with ``AuditChain/verify(_:hashFunction:expectedHead:expectedCount:)``.
/// Implementations must serialise appends so that sequence numbers are gap-free and each entry
/// links to the one before it, even under concurrent use; the entry to store is
/// ``AuditAppend/entry(appending:after:at:hashFunction:)``'s.
///
/// Every requirement throws: an ``AuditLogError`` for a refused argument or event, a
/// ``StoreError`` when a durable log's database fails (reads included: a failed read is never
/// answered as an empty or valid chain).
public protocol AuditLog: Sendable {
    /// Appends an event, stamping it with the current time, and returns the sealed entry.
    ///
    /// - Throws: ``AuditLogError/serializationFailed(_:)`` or a ``StoreError``.
    func append(_ event: AuditEvent) async throws -> AuditEntry
    /// Up to `limit` entries starting at sequence number `from` (empty past the end).
    ///
    /// - Throws: ``AuditLogError/invalidRange`` or a ``StoreError``.
    func entries(from: Int, limit: Int) async throws -> [AuditEntry]
    /// The number of entries.
    ///
    /// - Throws: a ``StoreError``.
    var count: Int { get async throws }
    /// Verifies the whole stored chain.
    ///
    /// - Throws: a ``StoreError``.
    func verify() async throws -> AuditVerification
}
