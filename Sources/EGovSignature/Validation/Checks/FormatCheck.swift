import EGovCrypto
import Foundation

/// The signature conforms to its format: TOTAL_FAILED / FORMAT_FAILURE otherwise, with the
/// adapter's reason.
struct FormatCheck: SignatureCheck {
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome {
        guard case .formatFailure(let detail) = state.evidence.check else { return .passed }
        return .failed(.formatFailure, detail)
    }
}
