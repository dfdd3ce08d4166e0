/// A cryptographic hash function, as a seam.
///
/// EGovCore needs hashing (the audit log's hash chain, canonical-JSON digests) but must not depend
/// on the crypto engine, which sits above it. EGovCrypto's `HashAlgorithm` (SHA-256/384/512 and
/// SM3 through OpenSSL) conforms to this protocol; nothing in EGovKit implements a hash by hand.
public protocol HashFunction: Sendable {
    /// A stable name for the algorithm, recorded beside digests, e.g. `sha-256` or `sm3`.
    var identifier: String { get }
    /// The digest of `bytes`.
    func hash(_ bytes: [UInt8]) -> [UInt8]
}
