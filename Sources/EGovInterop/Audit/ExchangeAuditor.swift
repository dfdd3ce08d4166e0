import EGovCore
import EGovCrypto
import Foundation
import Logging

/// Records data exchanges in an `AuditLog` and signs periodic checkpoints of it (可信、可溯、可查).
///
/// Both sides of an exchange use one: the client records what it sent and got back, the service
/// what it received and answered, each in its own log under its own key, with the shared message
/// identifier linking the two records. Entries hold references and digests only
/// (``ExchangeDescription``).
///
/// A checkpoint (``AuditCheckpoint``) is signed automatically after every `checkpointInterval`
/// entries (by sequence number, so that concurrent writers to the same log do not shift it) and
/// on demand with ``checkpoint()``. Checkpoints are kept in memory: persist ``checkpoints`` (or
/// publish them) and pass them back to the initialiser after a restart.
///
/// ```swift
/// let auditor = try ExchangeAuditor(
///     log: InMemoryAuditLog(hashFunction: HashAlgorithm.sha256, clock: clock), hashAlgorithm: .sha256,
///     signer: try AuditCheckpointSigner(key: key, keyID: "dsaj-audit-2026", issuer: "DSAJ"),
///     checkpointInterval: 100, clock: clock)
/// try await auditor.record(ExchangeDescription(
///     messageID: "msg-1", side: .client, client: "DSAJ", service: "DSI.residence", purpose: "licence-check",
///     outcome: .completed, requestHash: ExchangeDescription.digest(of: request)))
/// let export = try await auditor.exportJSONLines()
/// ```
public actor ExchangeAuditor {
    /// The log entries are appended to.
    public nonisolated let log: any AuditLog
    /// The chain's hash algorithm (must be the log's).
    public nonisolated let hashAlgorithm: HashAlgorithm
    /// Entries between automatic checkpoints, or `nil` for on-demand checkpoints only.
    public nonisolated let checkpointInterval: Int?
    private let signer: AuditCheckpointSigner
    private let clock: any WallClock
    private let logger: Logger
    private var stored: [AuditCheckpoint]

    /// Creates an auditor.
    ///
    /// - Parameters:
    ///   - log: the audit log (shared with other writers if need be).
    ///   - hashAlgorithm: the log's hash algorithm.
    ///   - signer: the department's checkpoint key.
    ///   - checkpointInterval: sign a checkpoint after every this many entries; `nil` for none.
    ///   - clock: the source of checkpoint times.
    ///   - checkpoints: checkpoints made earlier for this log.
    ///   - logger: where checkpoint creation is logged (counts and heads only).
    /// - Throws: ``ExchangeAuditError/invalidConfiguration(_:)`` for an interval below 1.
    public init(
        log: any AuditLog, hashAlgorithm: HashAlgorithm, signer: AuditCheckpointSigner, checkpointInterval: Int? = 100,
        clock: any WallClock, checkpoints: [AuditCheckpoint] = [],
        logger: Logger = Logger(label: "egovkit.interop.audit")
    ) throws(ExchangeAuditError) {
        if let checkpointInterval, checkpointInterval < 1 {
            throw .invalidConfiguration("the checkpoint interval must be at least 1")
        }
        self.log = log
        self.hashAlgorithm = hashAlgorithm
        self.signer = signer
        self.checkpointInterval = checkpointInterval
        self.clock = clock
        self.logger = logger
        self.stored = checkpoints.sorted { $0.count < $1.count }
    }

    /// The checkpoints made so far, by count.
    public var checkpoints: [AuditCheckpoint] { stored }

    /// Appends the exchange to the log, and signs a checkpoint if the entry completes an interval.
    ///
    /// - Returns: the appended entry.
    /// - Throws: ``ExchangeAuditError/invalidField(_:)`` (nothing is appended),
    ///   ``ExchangeAuditError/logFailed(code:)``, or ``ExchangeAuditError/checkpointSigningFailed``
    ///   — in that last case the entry **was** appended (do not record it again); the next
    ///   checkpoint covers it.
    @discardableResult
    public func record(_ exchange: ExchangeDescription) async throws(ExchangeAuditError) -> AuditEntry {
        let event = try exchange.auditEvent()
        let entry: AuditEntry
        do {
            entry = try await log.append(event)
        } catch {
            throw .logFailed(code: (error as? any EGovError)?.code ?? "unknown")
        }
        guard entry.hashAlgorithm == hashAlgorithm.identifier else { throw .hashAlgorithmMismatch }
        if let checkpointInterval, (entry.sequence + 1) % checkpointInterval == 0 {
            _ = try await makeCheckpoint(count: entry.sequence + 1, head: entry.hash)
        }
        return entry
    }

    /// Signs a checkpoint of the log as it is now.
    ///
    /// - Throws: ``ExchangeAuditError/logFailed(code:)`` or ``ExchangeAuditError/checkpointSigningFailed``.
    @discardableResult
    public func checkpoint() async throws(ExchangeAuditError) -> AuditCheckpoint {
        let count: Int
        let head: String
        do {
            count = try await log.count
            if count == 0 {
                head = AuditChain.genesisHash(for: hashAlgorithm)
            } else {
                guard let last = try await log.entries(from: count - 1, limit: 1).first else {
                    throw ExchangeAuditError.logFailed(code: "interop.audit.missing_entry")
                }
                guard last.hashAlgorithm == hashAlgorithm.identifier else {
                    throw ExchangeAuditError.hashAlgorithmMismatch
                }
                head = last.hash
            }
        } catch let error as ExchangeAuditError {
            throw error
        } catch {
            throw .logFailed(code: (error as? any EGovError)?.code ?? "unknown")
        }
        if let existing = stored.last, existing.count == count, existing.head == head { return existing }
        return try await makeCheckpoint(count: count, head: head)
    }

    private func makeCheckpoint(count: Int, head: String) async throws(ExchangeAuditError) -> AuditCheckpoint {
        let checkpoint = try await AuditCheckpoint.sign(
            count: count, head: head, hashAlgorithm: hashAlgorithm.identifier, time: clock.now(), signer: signer)
        let index = stored.firstIndex { $0.count > count } ?? stored.endIndex
        stored.insert(checkpoint, at: index)
        logger.info(
            "audit checkpoint signed",
            metadata: ["count": "\(count)", "head": "\(head)", "kid": "\(signer.keyID)"])
        return checkpoint
    }

    /// Exports the log and its checkpoints as JSON Lines (``AuditExport``).
    ///
    /// - Parameter checkpointHead: sign a checkpoint of the current head first when the last
    ///   checkpoint does not cover every entry, so that the whole export is signed (default).
    /// - Throws: ``ExchangeAuditError``.
    public func exportJSONLines(checkpointHead: Bool = true) async throws(ExchangeAuditError) -> [UInt8] {
        if checkpointHead { _ = try await checkpoint() }
        var entries: [AuditEntry] = []
        do {
            let page = 1000
            while true {
                let batch = try await log.entries(from: entries.count, limit: page)
                entries += batch
                if batch.count < page { break }
            }
        } catch {
            throw .logFailed(code: (error as? any EGovError)?.code ?? "unknown")
        }
        return try AuditExport.jsonLines(entries: entries, checkpoints: stored, hashAlgorithm: hashAlgorithm.identifier)
    }
}
