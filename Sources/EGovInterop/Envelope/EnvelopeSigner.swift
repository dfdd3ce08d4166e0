import EGovCore
import EGovCrypto

/// Signs interop envelopes: a compact JWS whose payload is the canonical JSON (RFC 8785) of the
/// message, with the signer's certificate chain in `x5c` and the envelope kind in `typ`.
///
/// The algorithm is the one ``EnvelopeAlgorithm`` derives from the leaf certificate's key; the
/// signing key must use exactly that algorithm and hold the leaf's key pair.
public struct EnvelopeSigner: Sendable {
    /// The signing key (software, HSM or remote).
    public let key: any SigningKey
    /// The signer's certificate chain, leaf first (the trust anchor may be left out).
    public let certificateChain: [Certificate]
    /// The algorithm, from the leaf certificate.
    public let algorithm: SignatureAlgorithm

    /// Binds `key` to its certificate chain.
    ///
    /// - Throws: ``InteropError`` (`interop.certificate_invalid`) when the chain is empty or
    ///   longer than ``EnvelopeVerifier/maximumChainLength``, or when the key does not belong to
    ///   the leaf certificate or does not use the algorithm the certificate fixes.
    public init(key: any SigningKey, certificateChain: [Certificate]) throws(InteropError) {
        guard let leaf = certificateChain.first, certificateChain.count <= EnvelopeVerifier.maximumChainLength else {
            throw InteropError(.certificateInvalid, "the signer needs a certificate chain of 1 to \(EnvelopeVerifier.maximumChainLength) certificates")
        }
        guard key.publicKey == leaf.publicKey else {
            throw InteropError(.certificateInvalid, "the signing key does not belong to the leaf certificate")
        }
        let algorithm = EnvelopeAlgorithm.algorithm(for: leaf.publicKey.keyType)
        guard key.algorithm == algorithm else {
            throw InteropError(
                .certificateInvalid, "the certificate's key fixes \(algorithm.rawValue); the key signs \(key.algorithm.rawValue)")
        }
        self.key = key
        self.certificateChain = certificateChain
        self.algorithm = algorithm
    }

    /// Signs `payload` (a JSON object) as an envelope of `type`; returns the compact JWS.
    public func sign(_ payload: JSONValue, type: EnvelopeType) async throws -> String {
        let bytes = try CanonicalJSON.serialize(payload)
        let header = JWSHeader(
            algorithm: algorithm, type: type.rawValue, certificateChain: certificateChain.map(\.derRepresentation))
        return try await JWS.sign(payload: bytes, header: header, key: key)
    }
}
