/// The schema version of the EGovKit PostgreSQL stores.
///
/// ``PostgresStoreDatabase/migrate()`` brings an older database up to this version (recorded in the
/// table `egov_schema_version`) and refuses a newer one.
public enum PostgresStoreVersion {
    /// The newest schema version this build knows.
    public static let current = PostgresSchema.migrations.count
}
