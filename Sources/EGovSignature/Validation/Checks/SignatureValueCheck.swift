import EGovCrypto
import Foundation

/// The signature value verifies with the signer's key: TOTAL_FAILED / SIG_CRYPTO_FAILURE
/// otherwise.
struct SignatureValueCheck: SignatureCheck {
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome {
        guard state.evidence.check == .signatureInvalid else { return .passed }
        return .failed(.sigCryptoFailure, "the signature value does not verify with the signer's key")
    }
}
