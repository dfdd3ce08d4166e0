import EGovCrypto
import Foundation

/// The document type's policy: required kind, minimum level, a time-stamp when required, and the
/// maximum age of the signature: INDETERMINATE / SIG_CONSTRAINTS_FAILURE otherwise.
struct PolicyConstraintsCheck: SignatureCheck {
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome {
        let policy = state.validator.policy
        guard let determined = state.determined else {
            return .failed(.sigConstraintsFailure, "the signature's level could not be determined")
        }
        if let kind = policy.requiredKind, kind != determined.kind {
            return .failed(
                .sigConstraintsFailure, "the policy requires a \(kind.rawValue), this is a \(determined.kind.rawValue)")
        }
        if determined.level < policy.minimumLevel {
            return .failed(
                .sigConstraintsFailure,
                "the policy requires at least \(policy.minimumLevel.rawValue), this is \(determined.level.rawValue)")
        }
        let proven = state.provenSigningTime
        if policy.timestampRequired && proven == nil {
            return .failed(.sigConstraintsFailure, "the policy requires a signature time-stamp")
        }
        if let maximumAge = policy.maximumAge {
            guard let time = proven ?? state.evidence.claimedSigningTime else {
                return .failed(
                    .sigConstraintsFailure, "the policy limits the signature's age but it has no signing time")
            }
            if state.validationTime.timeIntervalSince(time) > maximumAge {
                return .failed(.sigConstraintsFailure, "the signature is older than the policy allows")
            }
        }
        return .passed
    }
}
