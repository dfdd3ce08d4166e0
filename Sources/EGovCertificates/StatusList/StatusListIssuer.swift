import EGovCore
import EGovCrypto
import Foundation

/// The issuing department's side of a Token Status List: allocates an index for each credential
/// it issues, records revocation and suspension, and publishes signed Status List Tokens.
///
/// Indices are unique and never reused. By default they are drawn uniformly at random from the
/// free indices, so that an index does not reveal the order of issuance
/// (draft-ietf-oauth-status-list, "Privacy Considerations"). Transitions: valid → suspended,
/// suspended → valid (``reinstate(_:reason:)``), valid or suspended → invalid; invalid is final.
///
/// With an `AuditLog`, each change appends `status.revoked`, `status.suspended` or
/// `status.reinstated`; if the append fails the change is undone and the error is thrown.
/// State can be persisted with ``snapshot()`` and restored with
/// ``init(snapshot:signingKey:keyID:clock:auditLog:auditActor:)``.
public actor StatusListIssuer {
    /// The Status List Token's URI (`sub`, and `uri` in every reference).
    public nonisolated let uri: String
    /// Bits per entry.
    public nonisolated let bits: Int
    /// The number of allocatable indices.
    public nonisolated let capacity: Int
    /// Whether indices are allocated in random order.
    public nonisolated let randomIndices: Bool

    private let signingKey: any SigningKey
    private let keyID: String?
    private let clock: any WallClock
    private let auditLog: (any AuditLog)?
    private let auditActor: String
    private var list: StatusList
    private var allocation: StatusList
    private var allocatedCountStorage: Int
    private var nextSequentialIndex: Int

    /// Random draws tried before falling back to choosing among the free indices by scanning.
    private static let randomAttempts = 64

    /// Creates an issuer with an empty list.
    ///
    /// - Parameters:
    ///   - uri: the URI the Status List Token is served at (an absolute URI).
    ///   - bits: bits per entry (2 allows suspension; 1 only valid/invalid).
    ///   - capacity: the number of indices; the list is at most 16 MiB.
    ///   - signingKey: the key that signs published tokens.
    ///   - keyID: the `kid` of published tokens.
    ///   - clock: the source of `iat`/`exp`.
    ///   - auditLog: where status changes are recorded, or `nil`.
    ///   - randomIndices: `true` to allocate in random order (recommended), `false` for 0, 1, 2…
    ///   - auditActor: the `actor` of audit events (default: `uri`).
    /// - Throws: ``StatusListError/invalidBits(_:)``, ``StatusListError/invalidSize(_:)`` or
    ///   ``StatusListError/invalidParameter(_:)``.
    public init(
        uri: String, bits: Int = 2, capacity: Int = 131_072, signingKey: any SigningKey, keyID: String?,
        clock: any WallClock, auditLog: (any AuditLog)? = nil, randomIndices: Bool = true, auditActor: String? = nil
    ) throws(StatusListError) {
        try self.init(
            uri: uri, capacity: capacity, randomIndices: randomIndices, signingKey: signingKey, keyID: keyID,
            clock: clock, auditLog: auditLog, auditActor: auditActor, list: StatusList(bits: bits, size: capacity),
            allocation: StatusList(bits: 1, size: capacity), allocatedCount: 0, nextSequentialIndex: 0)
    }

    /// Restores an issuer from a snapshot, checking it for consistency.
    ///
    /// - Throws: ``StatusListError/invalidSnapshot(_:)`` or a list error when the snapshot is
    ///   inconsistent or damaged.
    public init(
        snapshot: StatusListIssuerSnapshot, signingKey: any SigningKey, keyID: String?, clock: any WallClock,
        auditLog: (any AuditLog)? = nil, auditActor: String? = nil
    ) throws(StatusListError) {
        let empty = try StatusList(bits: snapshot.bits, size: snapshot.capacity)
        let emptyAllocation = try StatusList(bits: 1, size: snapshot.capacity)
        let statuses = try StatusList(bits: snapshot.bits, encoded: snapshot.statuses)
        let allocation = try StatusList(bits: 1, encoded: snapshot.allocated)
        guard statuses.count == empty.count else { throw .invalidSnapshot("the status list has the wrong size") }
        guard allocation.count == emptyAllocation.count else {
            throw .invalidSnapshot("the allocation map has the wrong size")
        }
        var allocatedCount = 0
        for entry in allocation.nonZeroEntries {
            guard entry.index < snapshot.capacity else {
                throw .invalidSnapshot("an index beyond the capacity is allocated")
            }
            allocatedCount += 1
        }
        for entry in statuses.nonZeroEntries where (try? allocation.value(at: entry.index)) != 1 {
            throw .invalidSnapshot("an unallocated index has a status")
        }
        guard (0...snapshot.capacity).contains(snapshot.nextSequentialIndex) else {
            throw .invalidSnapshot("the next sequential index is out of range")
        }
        try self.init(
            uri: snapshot.uri, capacity: snapshot.capacity, randomIndices: snapshot.randomIndices,
            signingKey: signingKey, keyID: keyID, clock: clock, auditLog: auditLog, auditActor: auditActor,
            list: statuses, allocation: allocation, allocatedCount: allocatedCount,
            nextSequentialIndex: snapshot.nextSequentialIndex)
    }

    private init(
        uri: String, capacity: Int, randomIndices: Bool, signingKey: any SigningKey, keyID: String?,
        clock: any WallClock, auditLog: (any AuditLog)?, auditActor: String?, list: StatusList,
        allocation: StatusList, allocatedCount: Int, nextSequentialIndex: Int
    ) throws(StatusListError) {
        guard StatusReference.isAbsoluteURI(uri) else { throw .invalidParameter("uri is not an absolute URI") }
        guard capacity > 0, capacity <= list.count, capacity <= allocation.count else {
            throw .invalidSize(capacity)
        }
        self.uri = uri
        self.bits = list.bits
        self.capacity = capacity
        self.randomIndices = randomIndices
        self.signingKey = signingKey
        self.keyID = keyID
        self.clock = clock
        self.auditLog = auditLog
        self.auditActor = auditActor ?? uri
        self.list = list
        self.allocation = allocation
        self.allocatedCountStorage = allocatedCount
        self.nextSequentialIndex = nextSequentialIndex
    }

    /// The number of allocated indices.
    public var allocatedCount: Int { allocatedCountStorage }

    /// The certificate chain (leaf first) put in published tokens as `x5c`, for verifiers that
    /// trust the issuer through its certificate rather than a pinned key.
    private var certificateChain: [[UInt8]]?

    /// Publishes future tokens with `certificates` as `x5c` (leaf first).
    public func useCertificateChain(_ certificates: [Certificate]) {
        certificateChain = certificates.isEmpty ? nil : certificates.map(\.derRepresentation)
    }

    /// The state to persist (see ``StatusListIssuerSnapshot``).
    public func snapshot() throws(StatusListError) -> StatusListIssuerSnapshot {
        StatusListIssuerSnapshot(
            uri: uri, bits: bits, capacity: capacity, randomIndices: randomIndices,
            nextSequentialIndex: nextSequentialIndex, statuses: try list.encoded(), allocated: try allocation.encoded())
    }

    /// Allocates a fresh index for a new credential. An index is never handed out twice.
    ///
    /// - Returns: the reference to embed as the credential's `status` claim.
    /// - Throws: ``StatusListError/listFull(capacity:)`` when every index has been allocated.
    public func allocate() throws(StatusListError) -> StatusReference {
        guard allocatedCountStorage < capacity else { throw .listFull(capacity: capacity) }
        let index = randomIndices ? try randomFreeIndex() : try sequentialFreeIndex()
        try allocation.setStatus(.invalid, at: index)
        allocatedCountStorage += 1
        return try StatusReference(index: index, uri: uri)
    }

    /// The current status of `reference`.
    ///
    /// - Throws: ``StatusListError/unknownReference`` for a reference this issuer did not allocate.
    public func status(of reference: StatusReference) throws(StatusListError) -> CredentialStatus {
        try checkAllocated(reference)
        return try list.status(at: reference.index)
    }

    /// Revokes a valid or suspended credential; final.
    ///
    /// - Throws: ``StatusListError/unknownReference``, ``StatusListError/invalidTransition(from:to:)``
    ///   when it is already invalid, or what the audit log throws (the change is then undone).
    public func revoke(_ reference: StatusReference, reason: String?) async throws {
        try await change(reference, to: .invalid, from: [.valid, .suspended], action: "status.revoked", reason: reason)
    }

    /// Suspends a valid credential (needs `bits` of at least 2).
    ///
    /// - Throws: ``StatusListError/unknownReference``, ``StatusListError/invalidTransition(from:to:)``,
    ///   ``StatusListError/valueTooLarge(value:bits:)`` for a 1-bit list, or what the audit log throws.
    public func suspend(_ reference: StatusReference, reason: String? = nil) async throws {
        try await change(reference, to: .suspended, from: [.valid], action: "status.suspended", reason: reason)
    }

    /// Makes a suspended credential valid again. An invalid (revoked) one cannot be reinstated.
    ///
    /// - Throws: ``StatusListError/unknownReference``, ``StatusListError/invalidTransition(from:to:)``
    ///   unless the credential is suspended, or what the audit log throws.
    public func reinstate(_ reference: StatusReference, reason: String? = nil) async throws {
        try await change(reference, to: .valid, from: [.suspended], action: "status.reinstated", reason: reason)
    }

    /// Signs a fresh Status List Token with the current statuses.
    ///
    /// - Parameters:
    ///   - validFor: seconds from now until `exp` (at least one second).
    ///   - timeToLive: `ttl`, or `nil`.
    /// - Returns: the compact JWS.
    public func publish(validFor: TimeInterval, timeToLive: Int? = nil) async throws -> String {
        guard validFor.isFinite, validFor >= 1 else {
            throw StatusListError.invalidParameter("validFor must be at least one second")
        }
        let now = clock.now()
        let current = list
        return try await StatusListToken.issue(
            list: current, uri: uri, signingKey: signingKey, keyID: keyID, issuedAt: now,
            expiresAt: now.addingTimeInterval(validFor), timeToLive: timeToLive, certificateChain: certificateChain)
    }

    // MARK: - Private

    private func change(
        _ reference: StatusReference, to target: CredentialStatus, from allowed: Set<CredentialStatus>,
        action: String, reason: String?
    ) async throws {
        try checkAllocated(reference)
        let previous = try list.status(at: reference.index)
        guard allowed.contains(previous) else { throw StatusListError.invalidTransition(from: previous, to: target) }
        try list.setStatus(target, at: reference.index)
        guard let auditLog else { return }
        var details = ["index": String(reference.index), "previous": previous.name]
        if let reason { details["reason"] = reason }
        let event = AuditEvent(actor: auditActor, action: action, subject: uri, details: details)
        do {
            _ = try await auditLog.append(event)
        } catch {
            // Undo, unless another change to this entry happened while the append was pending.
            if (try? list.status(at: reference.index)) == target { try? list.setStatus(previous, at: reference.index) }
            throw error
        }
    }

    private func checkAllocated(_ reference: StatusReference) throws(StatusListError) {
        guard reference.uri == uri, reference.index < capacity, (try? allocation.value(at: reference.index)) == 1
        else { throw .unknownReference }
    }

    private func randomFreeIndex() throws(StatusListError) -> Int {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<Self.randomAttempts {
            let candidate = Int.random(in: 0..<capacity, using: &generator)
            if (try? allocation.value(at: candidate)) == 0 { return candidate }
        }
        // Dense: pick uniformly among the free indices.
        var remaining = Int.random(in: 0..<(capacity - allocatedCountStorage), using: &generator)
        for index in 0..<capacity where (try? allocation.value(at: index)) == 0 {
            if remaining == 0 { return index }
            remaining -= 1
        }
        throw .listFull(capacity: capacity)
    }

    private func sequentialFreeIndex() throws(StatusListError) -> Int {
        while nextSequentialIndex < capacity {
            let index = nextSequentialIndex
            nextSequentialIndex += 1
            if try allocation.value(at: index) == 0 { return index }
        }
        // Indices below nextSequentialIndex may be free after a switch from random allocation.
        for index in 0..<capacity where (try? allocation.value(at: index)) == 0 { return index }
        throw .listFull(capacity: capacity)
    }
}
