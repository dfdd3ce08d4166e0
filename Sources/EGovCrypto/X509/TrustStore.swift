/// A source of trust anchors (root certificates) for chain validation.
///
/// Implementations may load anchors from files, a database or an ETSI trusted list; they must be
/// safe to call concurrently.
public protocol TrustStore: Sendable {
    /// The current trust anchors.
    func trustAnchors() async throws -> [Certificate]
}
