import EGovCrypto
import Foundation

/// The signing certificate is present (recorded as the signer) and matches the signature's signed
/// reference to it: INDETERMINATE / NO_SIGNING_CERTIFICATE_FOUND otherwise. Without a reference,
/// a policy requiring one fails with FORMAT_FAILURE; otherwise a warning says so.
struct SigningCertificateCheck: SignatureCheck {
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome {
        guard let leaf = state.evidence.signingCertificate else {
            return .failed(.noSigningCertificateFound, "no signing certificate found in or with the signature")
        }
        state.signingCertificate = leaf
        state.result.signer = SignerIdentity(leaf)
        switch state.evidence.signingCertificateReferenceMatches {
        case true?: return .passed
        case false?:
            return .failed(
                .noSigningCertificateFound, "the certificate does not match the signed signing-certificate reference")
        case nil:
            if state.validator.policy.requireSigningCertificateReference {
                return .failed(.formatFailure, "the signature has no signed reference to its certificate")
            }
            state.result.warnings.append("the signature carries no signed reference to its certificate")
            return .passed
        }
    }
}
