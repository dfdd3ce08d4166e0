import EGovCore

/// The RFC 8693 section 4.1 `act` claim: who is actually acting when the token's `sub` is an
/// organisation.
///
/// When a person acts for a company or association under a mandate, the token's `sub` is the
/// organisation (the party on whose behalf the request is made) and `act.sub` is the person;
/// `mandate` names the mandate (or the role) that allows it, so the department can record it.
public struct ActorClaim: Sendable, Hashable, Codable {
    /// The acting person's subject identifier.
    public var subject: String
    /// The mandate ID, or `role:<name>` when a role such as legal representative allows the act.
    public var mandate: String?

    /// Creates an actor claim.
    public init(subject: String, mandate: String? = nil) {
        self.subject = subject
        self.mandate = mandate
    }

    enum CodingKeys: String, CodingKey {
        case subject = "sub"
        case mandate = "mandate_id"
    }
}
