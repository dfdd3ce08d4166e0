import EGovCrypto
import Foundation

/// The signed data's digest is the one the signature covers: TOTAL_FAILED / HASH_FAILURE
/// otherwise.
struct DigestCheck: SignatureCheck {
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome {
        guard state.evidence.check == .hashMismatch else { return .passed }
        return .failed(.hashFailure, "the signed data does not match the signature's digest")
    }
}
