/// Why a durable store (SQLite, PostgreSQL, or an implementation of one of EGovKit's store
/// protocols) refused or failed an operation.
///
/// Codes are stable (`core.store.*`). Reasons name the operation or table, never a stored value,
/// a key, an identifier or a database message (which may quote SQL arguments).
public enum StoreError: EGovError, Equatable {
    /// A record with the same unique key already exists.
    case duplicate
    /// No record with the given key is stored.
    case notFound
    /// The record changed since it was read (optimistic concurrency).
    case conflict
    /// A stored row could not be decoded (damaged, or written by an incompatible version);
    /// carries the table name.
    case corruptRecord(table: String)
    /// The database file is damaged (e.g. truncated or overwritten) or is not a database at all,
    /// found during `operation` (e.g. `open`, `claim`).
    case corruptDatabase(operation: String)
    /// The database failed or was unreachable during `operation` (e.g. `enqueue`, `claim`).
    case unavailable(operation: String)
    /// The database schema is newer than this build understands.
    case unsupportedSchemaVersion(found: Int, supported: Int)
    /// Bringing the schema up to date failed.
    case migrationFailed
    /// The store was configured wrongly (e.g. an unparseable location); carries what was wrong.
    case invalidConfiguration(String)

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .duplicate: "core.store.duplicate"
        case .notFound: "core.store.not_found"
        case .conflict: "core.store.conflict"
        case .corruptRecord: "core.store.corrupt_record"
        case .corruptDatabase: "core.store.corrupt_database"
        case .unavailable: "core.store.unavailable"
        case .unsupportedSchemaVersion: "core.store.unsupported_schema_version"
        case .migrationFailed: "core.store.migration_failed"
        case .invalidConfiguration: "core.store.invalid_configuration"
        }
    }

    /// A readable explanation, free of stored values and personal data.
    public var reason: String {
        switch self {
        case .duplicate: "a record with the same unique key is already stored"
        case .notFound: "no record with this key is stored"
        case .conflict: "the record was changed concurrently"
        case .corruptRecord(let table): "a row of table '\(table)' could not be decoded"
        case .corruptDatabase(let operation):
            "the database file is damaged or is not a database (found during '\(operation)')"
        case .unavailable(let operation): "the database failed during '\(operation)'"
        case .unsupportedSchemaVersion(let found, let supported):
            "the database schema version \(found) is newer than the supported version \(supported)"
        case .migrationFailed: "the database schema could not be brought up to date"
        case .invalidConfiguration(let what): "the store configuration is invalid: \(what)"
        }
    }
}
