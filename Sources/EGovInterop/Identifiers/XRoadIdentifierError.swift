import EGovCore

/// Why an X-Road identifier (client ID, service ID, or one of their parts) was rejected.
///
/// Reasons name the part that was wrong, never echo the value (identifiers come from headers and
/// paths that an attacker controls, and logs must stay clean).
public enum XRoadIdentifierError: EGovError, Equatable {
    /// A part is empty.
    case emptyPart(String)
    /// A part is longer than ``XRoadCode/maximumLength``.
    case partTooLong(String, limit: Int)
    /// A part contains a character outside `A–Z a–z 0–9 ' ( ) + , - . = ?` (X-Road PR-REST 4.8).
    case invalidCharacter(String)
    /// A part is `.` or `..`, which would be a dot-segment in a URL path.
    case dotSegment(String)
    /// A `%` escape is malformed, or decodes to invalid UTF-8.
    case invalidPercentEncoding(String)
    /// The whole text has the wrong number of `/`-separated parts.
    case wrongPartCount(expected: String, found: Int)
    /// A service path does not start with the protocol version `/r1/`.
    case unsupportedProtocolVersion
    /// The whole text is longer than the accepted limit.
    case tooLong(limit: Int)

    /// A stable machine-readable code (`interop.identifier.*`).
    public var code: String {
        switch self {
        case .emptyPart: "interop.identifier.empty_part"
        case .partTooLong: "interop.identifier.part_too_long"
        case .invalidCharacter: "interop.identifier.invalid_character"
        case .dotSegment: "interop.identifier.dot_segment"
        case .invalidPercentEncoding: "interop.identifier.invalid_percent_encoding"
        case .wrongPartCount: "interop.identifier.wrong_part_count"
        case .unsupportedProtocolVersion: "interop.identifier.unsupported_protocol_version"
        case .tooLong: "interop.identifier.too_long"
        }
    }

    /// A readable explanation of what was wrong.
    public var reason: String {
        switch self {
        case .emptyPart(let part): "the \(part) is empty"
        case .partTooLong(let part, let limit): "the \(part) is longer than \(limit) characters"
        case .invalidCharacter(let part):
            "the \(part) contains a character outside A-Z a-z 0-9 ' ( ) + , - . = ?"
        case .dotSegment(let part): "the \(part) may not be '.' or '..'"
        case .invalidPercentEncoding(let part): "the \(part) has a malformed percent-encoding"
        case .wrongPartCount(let expected, let found): "expected \(expected), found \(found) parts"
        case .unsupportedProtocolVersion: "the service path must start with /r1/"
        case .tooLong(let limit): "the identifier text is longer than \(limit) bytes"
        }
    }
}
