import EGovCrypto
import Foundation

extension TrustList {
    /// The certificates of the services of `types` granted at `time`, as a `EGovCrypto/TrustStore`
    /// for the verifiers that take the crypto module's trust seam (interop envelopes, checkpoints).
    ///
    /// The trust list stays the one description of whom a department trusts; this is a view of it.
    public func trustStore(for types: Set<TrustedService.ServiceType>, at time: Date) -> StaticTrustStore {
        StaticTrustStore(certificates: anchors(for: types, at: time))
    }
}
