/// The identifier of a notice, assigned by the sending department's system.
public struct NoticeID: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The identifier text.
    public let rawValue: String

    /// Wraps an identifier.
    public init(rawValue: String) { self.rawValue = rawValue }

    /// Wraps an identifier.
    public init(_ rawValue: String) { self.rawValue = rawValue }

    /// The identifier text.
    public var description: String { rawValue }
}
