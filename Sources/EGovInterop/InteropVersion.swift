/// The version of the EGovInterop message formats (envelopes, contracts, audit exports).
///
/// Written into exported documents so that a verifier can refuse formats it does not know.
public enum InteropVersion {
    /// The current format version.
    public static let current = "1"
}
