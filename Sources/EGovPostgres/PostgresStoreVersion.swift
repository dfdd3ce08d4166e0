/// The schema version of the EGovKit PostgreSQL stores.
///
/// Migrations bring an older database up to this version when a store connects.
public enum PostgresStoreVersion {
    /// The newest schema version this build knows.
    public static let current = 1
}
