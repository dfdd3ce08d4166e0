/// The EGovKit PostgreSQL schema, as an ordered list of migrations; migration `n` (from 1)
/// brings the schema to version `n`. Append-only: a released migration is never edited.
enum PostgresSchema {
    static let migrations: [[String]] = [
        // Version 1.
        [
            """
            CREATE TABLE egov_notices (
                id TEXT PRIMARY KEY,
                idempotency_key TEXT NOT NULL UNIQUE,
                body TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE egov_deliveries (
                notice_id TEXT PRIMARY KEY REFERENCES egov_notices(id),
                state TEXT NOT NULL,
                due_at DOUBLE PRECISION,
                version BIGINT NOT NULL,
                body TEXT NOT NULL
            )
            """,
            "CREATE INDEX egov_deliveries_due ON egov_deliveries (due_at) WHERE due_at IS NOT NULL",
            "CREATE INDEX egov_deliveries_state ON egov_deliveries (state)",
            """
            CREATE TABLE egov_evidence (
                notice_id TEXT NOT NULL REFERENCES egov_notices(id),
                sequence INTEGER NOT NULL,
                hash TEXT NOT NULL,
                body TEXT NOT NULL,
                PRIMARY KEY (notice_id, sequence)
            )
            """,
            """
            CREATE TABLE egov_audit_log (
                sequence BIGINT PRIMARY KEY,
                time_ms BIGINT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                subject TEXT NOT NULL,
                details TEXT,
                correlation_id TEXT,
                hash_algorithm TEXT NOT NULL,
                previous_hash TEXT NOT NULL,
                hash TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE egov_consent_grants (
                id TEXT PRIMARY KEY,
                person_account_id TEXT NOT NULL,
                revoked_at DOUBLE PRECISION,
                body TEXT NOT NULL
            )
            """,
            "CREATE INDEX egov_consent_grants_person ON egov_consent_grants (person_account_id)",
            "CREATE TABLE egov_organisation_accounts (organisation TEXT PRIMARY KEY, body TEXT NOT NULL)",
            "CREATE TABLE egov_mandates (id TEXT PRIMARY KEY, body TEXT NOT NULL)",
            "CREATE TABLE egov_status_lists (uri TEXT PRIMARY KEY, body TEXT NOT NULL)",
            """
            CREATE TABLE egov_cases (
                id TEXT PRIMARY KEY,
                department_id TEXT NOT NULL,
                is_open BOOLEAN NOT NULL,
                submitted_at DOUBLE PRECISION NOT NULL,
                transition_count INTEGER NOT NULL,
                body TEXT NOT NULL
            )
            """,
            "CREATE INDEX egov_cases_open ON egov_cases (is_open, department_id)",
        ],
        // Version 2: the replay cache (PostgresReplayCache).
        [
            """
            CREATE TABLE egov_replay_cache (
                sender TEXT NOT NULL,
                message_id TEXT NOT NULL,
                expires_at DOUBLE PRECISION NOT NULL,
                PRIMARY KEY (sender, message_id)
            )
            """,
            "CREATE INDEX egov_replay_cache_expiry ON egov_replay_cache (expires_at)",
        ],
        // Version 3: notices in the shared stored form (`StoredNoticeCodec`, as in SQLite): bytes,
        // compact or JSON. The JSON bodies of earlier versions are kept as their UTF-8 bytes, which
        // the codec reads as JSON.
        [
            "ALTER TABLE egov_notices ALTER COLUMN body TYPE BYTEA USING convert_to(body, 'UTF8')"
        ],
    ]
}
