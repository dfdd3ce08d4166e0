import EGovCore
import Foundation
import GRDB

/// The EGovKit SQLite schema, as an ordered list of migrations (`DatabaseMigrator`).
///
/// Migrations are append-only: a released migration is never edited; changes go into a new one
/// and ``SQLiteStoreVersion/current`` grows.
enum SQLiteSchema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE egov_notices (
                        id TEXT PRIMARY KEY NOT NULL,
                        idempotency_key TEXT NOT NULL UNIQUE,
                        body BLOB NOT NULL
                    ) WITHOUT ROWID;
                    CREATE TABLE egov_deliveries (
                        notice_id TEXT PRIMARY KEY NOT NULL REFERENCES egov_notices(id),
                        state TEXT NOT NULL,
                        due_at REAL,
                        version INTEGER NOT NULL,
                        enqueued_at REAL NOT NULL,
                        body BLOB
                    ) WITHOUT ROWID;
                    CREATE INDEX egov_deliveries_due ON egov_deliveries(due_at) WHERE due_at IS NOT NULL;
                    CREATE INDEX egov_deliveries_state ON egov_deliveries(state);
                    CREATE TABLE egov_evidence (
                        notice_id TEXT NOT NULL REFERENCES egov_notices(id),
                        sequence INTEGER NOT NULL,
                        hash TEXT NOT NULL,
                        body BLOB NOT NULL,
                        PRIMARY KEY (notice_id, sequence)
                    );
                    CREATE TABLE egov_audit_log (
                        sequence INTEGER PRIMARY KEY NOT NULL,
                        time_ms INTEGER NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        details TEXT,
                        correlation_id TEXT,
                        hash_algorithm TEXT NOT NULL,
                        previous_hash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    );
                    CREATE TABLE egov_consent_grants (
                        id TEXT PRIMARY KEY NOT NULL,
                        person_account_id TEXT NOT NULL,
                        revoked_at REAL,
                        body BLOB NOT NULL
                    );
                    CREATE INDEX egov_consent_grants_person ON egov_consent_grants(person_account_id);
                    CREATE TABLE egov_organisation_accounts (
                        organisation TEXT PRIMARY KEY NOT NULL,
                        body BLOB NOT NULL
                    );
                    CREATE TABLE egov_mandates (
                        id TEXT PRIMARY KEY NOT NULL,
                        body BLOB NOT NULL
                    );
                    CREATE TABLE egov_status_lists (
                        uri TEXT PRIMARY KEY NOT NULL,
                        body BLOB NOT NULL
                    );
                    CREATE TABLE egov_cases (
                        id TEXT PRIMARY KEY NOT NULL,
                        department_id TEXT NOT NULL,
                        is_open INTEGER NOT NULL,
                        submitted_at REAL NOT NULL,
                        transition_count INTEGER NOT NULL,
                        body BLOB NOT NULL
                    );
                    CREATE INDEX egov_cases_open ON egov_cases(is_open, department_id);
                    """)
        }
        migrator.registerMigration("v2") { db in
            // Replay cache (SQLiteReplayCache): one row per (sender, message ID) until it expires.
            try db.execute(
                sql: """
                    CREATE TABLE egov_replay_cache (
                        sender TEXT NOT NULL,
                        message_id TEXT NOT NULL,
                        expires_at REAL NOT NULL,
                        PRIMARY KEY (sender, message_id)
                    ) WITHOUT ROWID;
                    CREATE INDEX egov_replay_cache_expiry ON egov_replay_cache(expires_at);
                    """)
        }
        return migrator
    }()

    static func migrate(_ writer: any DatabaseWriter) throws(StoreError) {
        let applied: Set<String>
        do {
            applied = try writer.read { db in try migrator.appliedIdentifiers(db) }
            if try writer.read({ db in try migrator.hasBeenSuperseded(db) }) {
                throw StoreError.unsupportedSchemaVersion(found: applied.count, supported: SQLiteStoreVersion.current)
            }
        } catch let error as StoreError {
            throw error
        } catch {
            throw SQLiteErrors.map(error, operation: "migrate")
        }
        do {
            try migrator.migrate(writer)
        } catch {
            SQLiteDatabase.logger.error("SQLite migration failed")
            throw .migrationFailed
        }
    }
}
