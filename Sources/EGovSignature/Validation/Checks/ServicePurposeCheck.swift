import EGovCrypto
import Foundation

/// A trust-list service vouches for the chain and the leaf fits its purpose (signing or seal):
/// INDETERMINATE / CHAIN_CONSTRAINTS_FAILURE otherwise.
struct ServicePurposeCheck: SignatureCheck {
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome {
        guard let service = state.chain?.service else {
            return .failed(
                .chainConstraintsFailure, state.chain?.purposeProblem ?? "no trust-list service vouches for this chain")
        }
        state.service = service
        return .passed
    }
}
