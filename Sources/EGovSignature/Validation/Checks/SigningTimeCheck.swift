import EGovCrypto
import Foundation

/// The claimed signing time lies within the signing certificate's validity: TOTAL_FAILED /
/// NOT_YET_VALID or EXPIRED otherwise.
struct SigningTimeCheck: SignatureCheck {
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome {
        guard let claimed = state.evidence.claimedSigningTime, let leaf = state.signingCertificate else {
            return .passed
        }
        if claimed < leaf.notBefore {
            return .failed(.notYetValid, "the claimed signing time is before the certificate's validity")
        }
        if claimed > leaf.notAfter {
            return .failed(.expired, "the claimed signing time is after the certificate expired")
        }
        return .passed
    }
}
