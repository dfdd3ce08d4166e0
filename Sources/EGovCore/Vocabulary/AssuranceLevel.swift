/// Levels of assurance of an authentication, named after eIDAS (Regulation (EU) 910/2014,
/// article 8, and Implementing Regulation (EU) 2015/1502).
///
/// | EGovKit | eIDAS | NIST SP 800-63-3 AAL | `acr` value |
/// |---|---|---|---|
/// | `low` | low | AAL1 | `http://eidas.europa.eu/LoA/low` |
/// | `substantial` | substantial | AAL2 | `http://eidas.europa.eu/LoA/substantial` |
/// | `high` | high | AAL3 | `http://eidas.europa.eu/LoA/high` |
public enum AssuranceLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// One factor.
    case low
    /// Two factors of different kinds, or an equivalent.
    case substantial
    /// Hardware-protected credentials or an in-person identity check.
    case high

    /// The eIDAS level-of-assurance URI used as the `acr` claim.
    public var acr: String { "http://eidas.europa.eu/LoA/\(rawValue)" }

    /// The NIST SP 800-63-3 authenticator assurance level considered equivalent.
    public var nistAAL: String {
        switch self {
        case .low: "AAL1"
        case .substantial: "AAL2"
        case .high: "AAL3"
        }
    }

    /// Parses an `acr` URI.
    public init?(acr: String) {
        guard acr.hasPrefix("http://eidas.europa.eu/LoA/"),
            let level = AssuranceLevel(rawValue: String(acr.dropFirst("http://eidas.europa.eu/LoA/".count)))
        else { return nil }
        self = level
    }

    private var rank: Int {
        switch self {
        case .low: 0
        case .substantial: 1
        case .high: 2
        }
    }

    public static func < (lhs: AssuranceLevel, rhs: AssuranceLevel) -> Bool { lhs.rank < rhs.rank }
}
