import EGovCore

/// The answer to "may this person do this, for this organisation, in this service, now?".
public struct ActingDecision: Hashable, Codable, Sendable, CustomStringConvertible {
    /// Why the decision was taken.
    public let reason: ActingDecisionReason

    /// Creates a decision.
    public init(_ reason: ActingDecisionReason) {
        self.reason = reason
    }

    /// Whether acting is allowed.
    public var isAllowed: Bool { reason.isAllowed }

    /// `allowed: …` or `denied: …`.
    public var description: String { "\(isAllowed ? "allowed" : "denied"): \(reason)" }
}
