import EGovCrypto
import Foundation

/// The detached signed data was supplied: INDETERMINATE / SIGNED_DATA_NOT_FOUND otherwise.
struct SignedDataCheck: SignatureCheck {
    func evaluate(_ state: inout SignatureCheckState) -> SignatureCheckOutcome {
        guard state.evidence.check == .signedDataNotFound else { return .passed }
        return .failed(.signedDataNotFound, "the detached signed data was not supplied")
    }
}
