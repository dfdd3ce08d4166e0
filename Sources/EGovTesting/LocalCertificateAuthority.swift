import EGovCore
import EGovCrypto
import EGovIdentity
import EGovSignature
import Foundation

/// A `CertificateAuthorityHook` backed by a ``TestPKI``'s intermediate CA: issues short-lived
/// person-signing certificates for one-time signing in tests and demos.
public struct LocalCertificateAuthority: CertificateAuthorityHook {
    /// The PKI whose intermediate signs.
    public let pki: TestPKI
    /// The lowest assurance level it certifies.
    public let minimumLevel: AssuranceLevel

    /// Creates the CA.
    public init(pki: TestPKI, minimumLevel: AssuranceLevel = .substantial) {
        self.pki = pki
        self.minimumLevel = minimumLevel
    }

    /// Refusal for requests below ``minimumLevel``.
    public struct Refused: EGovError {
        public var code: String { "testing.ca.refused" }
        public var reason: String { "the local CA certifies only authentications at substantial or higher" }
    }

    public func issueCertificate(for request: OneTimeCertificateRequest) async throws -> [Certificate] {
        guard request.assuranceLevel >= minimumLevel else { throw Refused() }
        var builder = CertificateBuilder(
            subject: request.subject, publicKey: request.publicKey, notBefore: request.notBefore,
            notAfter: request.notAfter)
        builder.basicConstraints = .endEntity
        builder.keyUsage = [.digitalSignature, .nonRepudiation]
        builder.extendedKeyUsage = [ExtendedKeyUsage.documentSigning]
        let leaf = try builder.sign(
            with: pki.intermediate.privateKey, issuer: pki.intermediate.certificate, sm2ID: pki.sm2ID)
        return [leaf, pki.intermediate.certificate]
    }
}
