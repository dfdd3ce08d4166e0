import EGovCore
import EGovCrypto
import Foundation

/// An envelope whose signature, `typ`, and certificate chain (at the envelope's own time) have
/// been verified. Its payload is still to be checked by the caller (identity binding, replay,
/// contract).
public struct VerifiedEnvelope: Sendable {
    /// The envelope kind.
    public let type: EnvelopeType
    /// The payload's members.
    public let payload: [String: JSONValue]
    /// The time the signer claims (`issuedAt`), at which the chain was validated.
    public let issuedAt: Date
    /// The signer's certificate.
    public let signer: Certificate
    /// The validated chain, leaf first and trust anchor last.
    public let chain: [Certificate]
    /// The algorithm used.
    public let algorithm: SignatureAlgorithm
}
