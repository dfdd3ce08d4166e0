/// The reasons a string is not accepted as a ``TypedIdentifier``.
public enum IdentifierError: EGovError, Equatable {
    /// The identifier is empty.
    case empty
    /// The identifier is longer than the limit, in UTF-8 bytes.
    case tooLong(limit: Int)
    /// The identifier contains a control character at the given UTF-8 byte offset.
    case controlCharacter(offset: Int)
    /// The identifier starts or ends with whitespace.
    case surroundingWhitespace

    /// A stable machine-readable code.
    public var code: String {
        switch self {
        case .empty: "core.identifier.empty"
        case .tooLong: "core.identifier.too_long"
        case .controlCharacter: "core.identifier.control_character"
        case .surroundingWhitespace: "core.identifier.surrounding_whitespace"
        }
    }

    /// A readable explanation of what was wrong.
    public var reason: String {
        switch self {
        case .empty: "the identifier is empty"
        case .tooLong(let limit): "the identifier is longer than \(limit) UTF-8 bytes"
        case .controlCharacter(let offset):
            "the identifier contains a control character at byte offset \(offset)"
        case .surroundingWhitespace: "the identifier starts or ends with whitespace"
        }
    }
}
