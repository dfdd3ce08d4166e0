/// The schema version of the EGovKit SQLite stores.
///
/// Migrations bring an older database file up to this version when a store opens it.
public enum SQLiteStoreVersion {
    /// The newest schema version this build knows.
    public static let current = 2
}
