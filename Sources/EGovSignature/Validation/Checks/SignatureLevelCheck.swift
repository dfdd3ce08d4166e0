import EGovCrypto
import Foundation

/// Determines the level (simple, advanced, qualified) and kind (signature or seal) from the leaf,
/// its service and the signing time (proven, else claimed, else the validation time), with a
/// warning for each requirement of the next level that is not met. Never fails: the policy
/// decides whether the level suffices.
struct SignatureLevelCheck: SignatureCheck {
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome {
        guard let leaf = state.signingCertificate, let service = state.service else {
            return .failed(.chainConstraintsFailure, "no trust-list service vouches for this chain")
        }
        let signingTime = state.provenSigningTime ?? state.evidence.claimedSigningTime ?? state.validationTime
        let determined = SignatureLevelRules.determine(leaf: leaf, service: service, signingTime: signingTime)
        state.determined = (determined.level, determined.kind)
        state.result.level = determined.level
        state.result.kind = determined.kind
        if determined.level < .qualified {
            state.result.warnings += determined.limits.map {
                "not \(determined.level == .simple ? "advanced" : "qualified"): \($0)"
            }
        }
        return .passed
    }
}
