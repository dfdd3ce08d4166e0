/// The declaration of one placeholder of a ``NotificationTemplate``.
public struct PlaceholderSpec: Sendable, Hashable, Codable {
    /// The longest accepted placeholder name, in characters.
    public static let maximumNameLength = 64

    /// The name used in texts as `((name))`: `[A-Za-z][A-Za-z0-9_]*`, case-sensitive.
    public var name: String
    /// The type of value accepted.
    public var type: PlaceholderType
    /// Whether a value must be supplied. A missing optional value renders as empty text
    /// (or `false` for a boolean).
    public var isRequired: Bool
    /// The longest accepted value in characters, overriding the renderer's default if smaller.
    public var maximumLength: Int?

    /// Declares a placeholder.
    public init(name: String, type: PlaceholderType, isRequired: Bool = true, maximumLength: Int? = nil) {
        self.name = name
        self.type = type
        self.isRequired = isRequired
        self.maximumLength = maximumLength
    }

    /// Whether `name` is a syntactically valid placeholder name.
    public static func isValidName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard let first = bytes.first, bytes.count <= maximumNameLength, isLetter(first) else { return false }
        return bytes.allSatisfy { isLetter($0) || (0x30...0x39).contains($0) || $0 == UInt8(ascii: "_") }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}
