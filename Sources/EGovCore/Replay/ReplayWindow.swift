import Foundation

/// How old or how far ahead a message's time may be, and so how long its ID must be remembered.
///
/// A message is accepted when `now - maximumAge - clockSkew <= issuedAt <= now + clockSkew`.
/// An ID only needs remembering until its message would be refused as too old anyway:
/// ``expiry(of:)`` = `issuedAt + maximumAge + clockSkew`.
public struct ReplayWindow: Sendable, Hashable {
    /// How old a message may be, in seconds (default 300).
    public var maximumAge: TimeInterval
    /// The allowed difference between the sender's and the receiver's clocks, in seconds (default 30).
    public var clockSkew: TimeInterval

    /// Creates a window.
    public init(maximumAge: TimeInterval = 300, clockSkew: TimeInterval = 30) {
        self.maximumAge = max(0, maximumAge)
        self.clockSkew = max(0, clockSkew)
    }

    /// ``ReplayVerdict/tooOld`` or ``ReplayVerdict/tooFarInFuture`` when `issuedAt` is outside the
    /// window at `now`, else `nil`.
    public func timeVerdict(issuedAt: Date, now: Date) -> ReplayVerdict? {
        if issuedAt > now.addingTimeInterval(clockSkew) { return .tooFarInFuture }
        if issuedAt < now.addingTimeInterval(-(maximumAge + clockSkew)) { return .tooOld }
        return nil
    }

    /// When the ID of a message issued at `issuedAt` can be forgotten.
    public func expiry(of issuedAt: Date) -> Date { issuedAt.addingTimeInterval(maximumAge + clockSkew) }
}
