/// A ``TrustStore`` over a fixed list of certificates.
public struct StaticTrustStore: TrustStore {
    /// The anchors.
    public let certificates: [Certificate]

    /// Creates a store holding `certificates`.
    public init(certificates: [Certificate]) { self.certificates = certificates }

    /// Creates a store from a PEM bundle of `CERTIFICATE` blocks (see ``Certificate/parseBundle(pemRepresentation:)``).
    public init(pemRepresentation: String) throws(CryptoError) {
        self.certificates = try Certificate.parseBundle(pemRepresentation: pemRepresentation)
    }

    public func trustAnchors() async throws -> [Certificate] { certificates }
}
