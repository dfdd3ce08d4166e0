import EGovCore

/// The kinds of token the unified account issues, told apart by the JWS `typ` header so that one
/// kind can never be used as the other (RFC 8725 section 3.11).
public enum TokenKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// An access token for a department's API (`typ: at+jwt`, RFC 9068).
    case access
    /// An identity token telling a department who logged in (`typ: id+jwt`, EGovKit's own label).
    case identity

    /// The JWS `typ` value.
    public var mediaType: String {
        switch self {
        case .access: "at+jwt"
        case .identity: "id+jwt"
        }
    }
}
