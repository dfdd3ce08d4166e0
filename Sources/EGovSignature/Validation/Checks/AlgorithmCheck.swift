import EGovCrypto
import Foundation

/// The signature algorithm is supported and allowed by the policy: INDETERMINATE /
/// CRYPTO_CONSTRAINTS_FAILURE otherwise.
struct AlgorithmCheck: SignatureCheck {
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome {
        guard let algorithm = state.evidence.algorithm else {
            return .failed(.cryptoConstraintsFailure, "the signature algorithm is not supported")
        }
        guard state.validator.policy.allowedAlgorithms.contains(algorithm) else {
            return .failed(.cryptoConstraintsFailure, "the policy does not allow \(algorithm.rawValue)")
        }
        return .passed
    }
}
