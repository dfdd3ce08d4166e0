import EGovCore
import Foundation
import GRDB
import Logging

/// One SQLite database file holding every EGovKit store (notifications, audit log, consent,
/// mandates, status lists, cases), opened with WAL journaling and brought up to the current schema
/// (``SQLiteStoreVersion/current``) by migrations.
///
/// Share one instance per file in a process; several processes may open the same file (SQLite
/// locks serialise writers, and every store write is one `BEGIN IMMEDIATE` transaction).
///
/// ## Durability
///
/// The journal mode is always WAL (readers never block the writer). ``Durability-swift.enum/full``
/// (the default) sets `PRAGMA synchronous = FULL`: every commit is synced to disk before it
/// returns, so a committed enqueue or state change survives a process crash *and* a power loss or
/// kernel crash. ``Durability-swift.enum/normal`` (`synchronous = NORMAL`) syncs only at
/// checkpoints: commits survive a process crash (SIGKILL) but the last ones may be lost on power
/// loss; choose it only where that is acceptable. See `Documentation/Storage.md`.
public final class SQLiteDatabase: Sendable {
    /// How hard a commit is pushed to stable storage.
    public enum Durability: String, Sendable, CaseIterable {
        /// `synchronous = FULL`: each commit is synced (survives power loss). The default.
        case full
        /// `synchronous = NORMAL` in WAL mode: survives process crashes; power loss may lose the
        /// most recent commits.
        case normal
    }

    let writer: any DatabaseWriter
    /// The database file, or `nil` for an in-memory database.
    public let path: String?
    /// The durability setting the database was opened with.
    public let durability: Durability

    static let logger = Logger(label: "egovkit.sqlite")

    /// Opens (creating if needed) the database at `path` and migrates it.
    ///
    /// - Throws: `StoreError/unavailable(operation:)` if the file cannot be opened,
    ///   `StoreError/unsupportedSchemaVersion(found:supported:)` if a newer EGovKit wrote it,
    ///   `StoreError/migrationFailed`.
    public init(path: String, durability: Durability = .full) throws(StoreError) {
        var configuration = Configuration()
        configuration.busyMode = .timeout(30)
        configuration.journalMode = .wal
        let synchronous = durability == .full ? "FULL" : "NORMAL"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = \(synchronous)")
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        do {
            writer = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw SQLiteErrors.map(error, operation: "open")
        }
        self.path = path
        self.durability = durability
        try SQLiteSchema.migrate(writer)
    }

    /// A private in-memory database (for tests; nothing is durable).
    public init() throws(StoreError) {
        var configuration = Configuration()
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA foreign_keys = ON") }
        do {
            writer = try DatabaseQueue(configuration: configuration)
        } catch {
            throw SQLiteErrors.map(error, operation: "open")
        }
        path = nil
        durability = .normal
        try SQLiteSchema.migrate(writer)
    }

    /// The schema version recorded in the file (the number of applied migrations).
    public func schemaVersion() async throws(StoreError) -> Int {
        do {
            return try await writer.read { db in try SQLiteSchema.migrator.appliedIdentifiers(db).count }
        } catch {
            throw SQLiteErrors.map(error, operation: "schemaVersion")
        }
    }

    /// Writes a consistent, compacted copy of the database to `destination` (`VACUUM INTO`),
    /// while the stores stay in use. The destination must not exist.
    public func backup(to destination: String) async throws(StoreError) {
        do {
            try await writer.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [destination])
            }
        } catch {
            throw SQLiteErrors.map(error, operation: "backup")
        }
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction, mapping database errors.
    func write<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await writer.write(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw SQLiteErrors.map(error, operation: operation)
        }
    }

    /// Runs `body` on a read snapshot, mapping database errors.
    func read<T: Sendable>(
        _ operation: String, _ body: @escaping @Sendable (Database) throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await writer.read(body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw SQLiteErrors.map(error, operation: operation)
        }
    }
}
