import EGovCore
import Foundation
import Logging
import PostgresNIO

/// A connection pool to one PostgreSQL database (and optionally one schema) holding the EGovKit
/// stores.
///
/// Call ``run()`` in a long-running task (it drives the pool; cancel the task to shut down), then
/// ``migrate()`` once, then create stores (``PostgresNotificationStore``, ``PostgresAuditLog``…)
/// on it. Every store write is one transaction; commits are durable by PostgreSQL's defaults
/// (`synchronous_commit = on`, `fsync = on`).
public final class PostgresStoreDatabase: Sendable {
    let client: PostgresClient
    let logger: Logger
    /// The schema the stores' tables live in, or `nil` for the server's `search_path` default.
    public let schema: String?

    /// Creates a pool from a postgres-nio configuration.
    ///
    /// - Parameters:
    ///   - configuration: where and how to connect (host, port, user, TLS).
    ///   - schema: a schema to use (set as the connections' `search_path`; lowercase ASCII
    ///     letters, digits and underscores); ``migrate()`` creates it if missing.
    public init(configuration: PostgresClient.Configuration, schema: String? = nil) {
        var configuration = configuration
        if let schema { configuration.options.additionalStartupParameters.append(("search_path", schema)) }
        let logger = Logger(label: "egovkit.postgres")
        self.client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.logger = logger
        self.schema = schema
    }

    /// Creates a pool from a URL `postgres://user[:password]@host[:port]/database`; TLS is not used
    /// unless `?sslmode=require` is given (then it is required). `?schema=NAME` selects a schema
    /// (``migrate()`` creates it if needed) unless `schema` is given.
    ///
    /// - Throws: `StoreError/invalidConfiguration(_:)` for a malformed URL or schema name.
    public convenience init(url: String, schema: String? = nil) throws(StoreError) {
        guard let components = URLComponents(string: url),
            components.scheme == "postgres" || components.scheme == "postgresql",
            let host = components.host, !host.isEmpty, let user = components.user, !user.isEmpty
        else { throw .invalidConfiguration("the URL must be postgres://user@host:port/database") }
        let database = components.path.hasPrefix("/") ? String(components.path.dropFirst()) : components.path
        let requireTLS = components.queryItems?.contains { $0.name == "sslmode" && $0.value == "require" } ?? false
        var configuration = PostgresClient.Configuration(
            host: host, port: components.port ?? 5432, username: user, password: components.password,
            database: database.isEmpty ? nil : database,
            tls: requireTLS ? .require(.makeClientConfiguration()) : .disable)
        configuration.options.maximumConnections = 8
        let chosen = schema ?? components.queryItems?.first { $0.name == "schema" }?.value
        if let chosen, !Self.isValidSchemaName(chosen) { throw Self.invalidSchema }
        self.init(configuration: configuration, schema: chosen)
    }

    static let invalidSchema = StoreError.invalidConfiguration(
        "a schema name must be 1 to 63 lowercase ASCII letters, digits or underscores")

    /// Whether `name` is a schema name usable unquoted (and so in `search_path`).
    static func isValidSchemaName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 63
            && name.unicodeScalars.allSatisfy { $0 == "_" || ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    /// Drives the connection pool until the calling task is cancelled.
    public func run() async {
        await client.run()
    }

    /// Brings the schema up to ``PostgresStoreVersion/current``, one transaction per migration,
    /// serialised between processes by an advisory lock.
    ///
    /// - Throws: `StoreError/unsupportedSchemaVersion(found:supported:)` if a newer EGovKit
    ///   migrated the database, `StoreError/migrationFailed` or `StoreError/unavailable(operation:)`.
    public func migrate() async throws(StoreError) {
        try await storeTransaction("migrate") { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(7243001)", logger: self.logger)
            if let schema = self.schema {
                guard Self.isValidSchemaName(schema) else { throw Self.invalidSchema }
                try await connection.query(
                    PostgresQuery(unsafeSQL: "CREATE SCHEMA IF NOT EXISTS \(schema)"), logger: self.logger)
            }
            try await connection.query(
                """
                CREATE TABLE IF NOT EXISTS egov_schema_version (
                    version INTEGER PRIMARY KEY,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """, logger: self.logger)
            var found = 0
            for try await value in try await connection.query(
                "SELECT COALESCE(MAX(version), 0) FROM egov_schema_version", logger: self.logger
            ).decode(Int.self) {
                found = value
            }
            guard found <= PostgresStoreVersion.current else {
                throw StoreError.unsupportedSchemaVersion(found: found, supported: PostgresStoreVersion.current)
            }
            for (index, statements) in PostgresSchema.migrations.enumerated() where index + 1 > found {
                for statement in statements {
                    do {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: self.logger)
                    } catch {
                        self.logger.error("PostgreSQL migration failed", metadata: ["version": "\(index + 1)"])
                        throw StoreError.migrationFailed
                    }
                }
                try await connection.query(
                    "INSERT INTO egov_schema_version (version) VALUES (\(index + 1))", logger: self.logger)
            }
        }
    }

    /// The schema version recorded in the database (0 before ``migrate()``).
    public func schemaVersion() async throws(StoreError) -> Int {
        try await storeTransaction("schemaVersion") { connection in
            var found = 0
            for try await value in try await connection.query(
                "SELECT COALESCE(MAX(version), 0) FROM egov_schema_version", logger: self.logger
            ).decode(Int.self) {
                found = value
            }
            return found
        }
    }

    /// Runs one statement outside an explicit transaction (autocommit: one round trip), mapping
    /// PostgreSQL errors; `body` consumes the rows.
    func query<T: Sendable>(
        _ operation: String, _ query: PostgresQuery, _ body: (PostgresRowSequence) async throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await body(try await client.query(query, logger: logger))
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.map(error, operation: operation) as? StoreError ?? .unavailable(operation: operation)
        }
    }

    /// Runs `body`, whose every statement (through `run`) is autocommitted on a pooled connection,
    /// mapping PostgreSQL errors.
    func autocommit<T: Sendable>(
        _ operation: String,
        _ body: (_ run: @escaping (PostgresQuery) async throws -> PostgresRowSequence) async throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await body { query in try await self.client.query(query, logger: self.logger) }
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.map(error, operation: operation) as? StoreError ?? .unavailable(operation: operation)
        }
    }

    /// Runs `body` in one transaction (committed if it returns, rolled back if it throws),
    /// mapping PostgreSQL errors to ``StoreError`` (other errors are rethrown unchanged).
    func transaction<T: Sendable>(
        _ operation: String, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await client.withTransaction(logger: logger) { connection in try await body(connection) }
        } catch let error as PostgresTransactionError {
            if let closureError = error.closureError { throw Self.map(closureError, operation: operation) }
            throw Self.map(error.beginError ?? error.commitError ?? error, operation: operation)
        } catch {
            throw Self.map(error, operation: operation)
        }
    }

    /// Runs `body` in one transaction, with typed errors (``StoreError`` only).
    @discardableResult
    func storeTransaction<T: Sendable>(
        _ operation: String, _ body: (PostgresConnection) async throws -> T
    ) async throws(StoreError) -> T {
        do {
            return try await transaction(operation, body)
        } catch let error as StoreError {
            throw error
        } catch {
            throw Self.map(error, operation: operation) as? StoreError ?? .unavailable(operation: operation)
        }
    }

    /// Maps a PostgreSQL error to ``StoreError`` (a unique violation to ``StoreError/duplicate``),
    /// without the server's message (which may quote values); passes other errors through.
    static func map(_ error: any Error, operation: String) -> any Error {
        if let error = error as? PSQLError {
            if error.serverInfo?[.sqlState] == PostgresError.Code.uniqueViolation.raw { return StoreError.duplicate }
            Logger(label: "egovkit.postgres").error(
                "PostgreSQL operation failed",
                metadata: ["operation": "\(operation)", "sqlState": "\(error.serverInfo?[.sqlState] ?? "none")"])
            return StoreError.unavailable(operation: operation)
        }
        if error is PostgresDecodingError || error is DecodingError {
            return StoreError.corruptRecord(table: operation)
        }
        return error
    }

    static func isUniqueViolation(_ error: any Error) -> Bool {
        (error as? StoreError) == .duplicate
    }
}

/// JSON bodies of stored rows.
enum StoredText {
    static func encode(_ value: some Encodable, table: String) throws(StoreError) -> String {
        do {
            return String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
        } catch {
            throw .corruptRecord(table: table)
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String, table: String) throws(StoreError) -> T {
        do {
            return try JSONDecoder().decode(type, from: Data(text.utf8))
        } catch {
            throw .corruptRecord(table: table)
        }
    }
}
