import EGovCore
import EGovCrypto
import Foundation

/// Finds the verification key for a JWS issued by a registered issuer: by `kid` from its pinned
/// keys, or from the `x5c` chain validated (purpose seal) against its trust anchors at `time`.
/// The key is always bound to the header's algorithm, so no algorithm confusion is possible.
enum IssuerKeyResolver {
    /// Why no key was found.
    enum Failure: Error, Equatable {
        case unknownIssuer
        case noKey(String)
    }

    static func key(
        for header: JWSHeader, issuer: IssuerRegistry.Issuer, at time: Date, sm2ID: SM2DistinguishingID = .default
    ) throws(Failure) -> any VerificationKey {
        switch issuer.keySource {
        case .keys(let keySet):
            guard
                let entry = keySet.entries.first(where: {
                    $0.keyID == header.keyID && $0.key.algorithm == header.algorithm
                })
                    ?? (header.keyID == nil
                        ? keySet.entries.first(where: { $0.key.algorithm == header.algorithm }) : nil)
            else { throw .noKey("no pinned key of the issuer matches kid and alg") }
            return entry.key
        case .certificates(let anchors):
            guard let chain = header.certificateChain, let leafDER = chain.first,
                let leaf = try? Certificate(derRepresentation: leafDER)
            else { throw .noKey("no x5c certificate chain") }
            let intermediates = chain.dropFirst().compactMap { try? Certificate(derRepresentation: $0) }
            let result = CertificateChainValidator(sm2ID: sm2ID, acceptsIntermediateAnchors: true).validate(
                leaf, intermediates: intermediates, trustAnchors: anchors, at: time)
            if let failure = result.failure { throw .noKey("the x5c chain does not validate: \(failure.reason)") }
            do {
                return try leaf.publicKey.verificationKey(for: header.algorithm, sm2ID: sm2ID)
            } catch {
                throw .noKey("the certificate's key does not fit alg \(header.algorithm.rawValue)")
            }
        }
    }
}
