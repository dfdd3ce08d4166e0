/// A string identifier tagged with a phantom type, so that identifiers of different kinds cannot
/// be mixed up at compile time.
///
/// Modules declare an empty tag type and a type alias:
///
/// ```swift
/// public enum ServiceTag {}
/// public typealias ServiceID = TypedIdentifier<ServiceTag>
///
/// let id = try ServiceID("svc.passport-renewal")
/// ```
///
/// A `ServiceID` cannot be passed where a `TypedIdentifier<ApplicationTag>` is expected. The tag
/// type is never instantiated; an uninhabited `enum` is the conventional choice.
///
/// Identifiers are validated on construction (there is deliberately no string-literal conformance,
/// so that external input always goes through validation): non-empty, at most ``maximumLength``
/// UTF-8 bytes, no Unicode control characters (`Cc`) anywhere, and no leading or trailing
/// whitespace. The value encodes and decodes as a plain JSON string; decoding validates.
/// Equality, hashing and ordering follow Swift `String` semantics (Unicode canonical equivalence).
public struct TypedIdentifier<Tag>: Hashable, Comparable, Codable, CustomStringConvertible {
    /// The longest accepted identifier, in UTF-8 bytes.
    public static var maximumLength: Int { 256 }

    /// The identifier text.
    public let rawValue: String

    /// Validates and wraps an identifier string.
    ///
    /// - Throws: ``IdentifierError`` saying what was wrong.
    public init(_ raw: String) throws(IdentifierError) {
        guard !raw.isEmpty else { throw .empty }
        guard raw.utf8.count <= Self.maximumLength else { throw .tooLong(limit: Self.maximumLength) }
        var offset = 0
        for scalar in raw.unicodeScalars {
            if scalar.properties.generalCategory == .control { throw .controlCharacter(offset: offset) }
            offset += UTF8.width(scalar)
        }
        if let first = raw.unicodeScalars.first, let last = raw.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        {
            throw .surroundingWhitespace
        }
        self.rawValue = raw
    }

    /// The identifier text.
    public var description: String { rawValue }

    /// Orders identifiers by their text.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Decodes from a plain string, validating it.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let raw = try container.decode(String.self)
        do {
            try self.init(raw)
        } catch {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "invalid identifier: \(error.reason)")
        }
    }

    /// Encodes as a plain string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension TypedIdentifier: Sendable {}
