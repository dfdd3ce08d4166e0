import Foundation

extension Delivery {
    /// When a store should hand this delivery to a claimant: the lease expiry while leased (to
    /// recover from a claimant that disappeared), the next attempt (or the distant past) while
    /// queued or temporarily failed, and `nil` otherwise (nothing left to dispatch).
    ///
    /// Stores index this value to implement ``NotificationStore/claimDue(now:limit:)``.
    public var claimableAt: Date? {
        if let leaseExpiresAt { return leaseExpiresAt }
        switch state {
        case .queued, .temporaryFailure: return nextAttemptAt ?? .distantPast
        default: return nil
        }
    }
}
