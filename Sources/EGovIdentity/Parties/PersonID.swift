/// The opaque internal identifier of a ``Person`` (not an identity document number).
public struct PersonID: RawRepresentable, Hashable, Codable, Sendable, CustomStringConvertible {
    /// The identifier text.
    public let rawValue: String

    /// Wraps an identifier text.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Wraps an identifier text.
    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    /// The identifier text: an opaque internal id, not personal data.
    public var description: String { rawValue }
}
