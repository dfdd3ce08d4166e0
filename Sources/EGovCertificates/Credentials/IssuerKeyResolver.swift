import EGovCore
import EGovCrypto
import Foundation

/// Finds the verification key for a JWS issued by a registered issuer: from its pinned keys (a
/// key named by the header's `kid`, else an unnamed pinned key — `kid` is only a hint), or from
/// the `x5c` chain through ``X5CKeyResolver`` for the issuer's certificate purpose, then bound to
/// the issuer by its ``IssuerCertificateBinding``. The header's `alg` must be allowed by the
/// issuer and the key is bound to it, so no algorithm confusion is possible.
enum IssuerKeyResolver {
    /// Why no key was found.
    enum Failure: EGovError, Equatable {
        case noKey(String)
        case algorithmNotAllowed(String)
        case certificatePurpose(String)
        case certificateBinding

        var code: String {
            switch self {
            case .noKey: SDJWTError.issuerKeyUnavailable("").code
            case .algorithmNotAllowed: "certificates.credential.issuer_algorithm_not_allowed"
            case .certificatePurpose: "certificates.credential.issuer_certificate_purpose"
            case .certificateBinding: "certificates.credential.issuer_certificate_binding"
            }
        }

        var reason: String {
            switch self {
            case .noKey(let detail): "no issuer key: \(detail)"
            case .algorithmNotAllowed(let alg): "alg \(alg) is not allowed for this issuer"
            case .certificatePurpose(let detail): "the issuer certificate is not fit for its purpose: \(detail)"
            case .certificateBinding: "the issuer certificate is not bound to the iss"
            }
        }
    }

    static func key(
        for header: JWSHeader, issuer: IssuerRegistry.Issuer, at time: Date, sm2ID: SM2DistinguishingID = .default
    ) throws(Failure) -> any VerificationKey {
        guard issuer.allowedAlgorithms.contains(header.algorithm) else {
            throw .algorithmNotAllowed(header.algorithm.rawValue)
        }
        switch issuer.keySource {
        case .keys(let keySet):
            let candidates = keySet.entries.filter { $0.key.algorithm == header.algorithm }
            guard let kid = header.keyID else {
                guard let entry = candidates.first else { throw .noKey("no pinned key of the issuer fits alg") }
                return entry.key
            }
            guard let entry = candidates.first(where: { $0.keyID == kid }) ?? candidates.first(where: { $0.keyID == nil })
            else { throw .noKey("no pinned key of the issuer matches kid and alg") }
            return entry.key
        case .certificates(let anchors):
            let resolver = X5CKeyResolver(
                purpose: issuer.certificatePurpose,
                validator: CertificateChainValidator(sm2ID: sm2ID, acceptsIntermediateAnchors: true))
            let resolution: X5CKeyResolver.Resolution
            do {
                resolution = try resolver.resolve(
                    header, trustAnchors: anchors, at: time, allowedAlgorithms: issuer.allowedAlgorithms)
            } catch {
                switch error {
                case .purposeMismatch(_, let violation): throw .certificatePurpose(violation)
                case .algorithmNotAllowed(let alg): throw .algorithmNotAllowed(alg)
                default: throw .noKey(error.reason)
                }
            }
            guard issuer.certificateBinding.binds(resolution.leaf, to: issuer.identifier) else {
                throw .certificateBinding
            }
            return resolution.key
        }
    }
}
