/// The type of value a placeholder accepts, and how the value is checked and rendered.
public enum PlaceholderType: String, Sendable, Hashable, Codable, CaseIterable {
    /// A JSON string, rendered as is. Control characters other than line feed and tab are rejected.
    case text
    /// A finite JSON number. Integral values render without a fraction (`42`), others in their
    /// shortest round-trip form (`2.5`).
    case number
    /// An ISO 8601 calendar date string `YYYY-MM-DD`, checked for a real calendar day. It renders per
    /// locale: `2026年11月21日` (zh), `21/11/2026` (pt), `21 November 2026` (en), ISO otherwise.
    case date
    /// A JSON object `{"amount": "1234.50", "currency": "MOP"}`: the amount is a decimal string
    /// (never a binary floating-point number) with at most 4 fraction digits, the currency an
    /// ISO 4217 code of three capital letters. Renders as `MOP 1234.50`.
    case money
    /// A JSON `true` or `false`; usable only as the condition of `((name??text))`.
    case boolean
    /// An absolute `http` or `https` URL string with a host and no whitespace or control characters.
    case url
}
