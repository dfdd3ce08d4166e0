/// Where a verifier gets the certificate revocation lists to check certificates against: the
/// revocation seam beside ``TrustStore`` (anchors).
///
/// A deployment refreshes CRLs from the CAs' distribution points (or a database) and serves the
/// current ones here; verifiers (interop envelopes, audit checkpoints) ask on every check.
public protocol RevocationSource: Sendable {
    /// The current CRLs.
    func revocationLists() async throws -> [CertificateRevocationList]
}

/// A ``RevocationSource`` over a fixed list.
public struct StaticRevocationSource: RevocationSource {
    /// The CRLs.
    public let lists: [CertificateRevocationList]

    /// Creates a source serving `lists`.
    public init(_ lists: [CertificateRevocationList] = []) { self.lists = lists }

    public func revocationLists() async throws -> [CertificateRevocationList] { lists }
}
