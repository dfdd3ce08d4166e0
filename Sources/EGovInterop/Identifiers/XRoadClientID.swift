/// An X-Road member or subsystem acting as a service client: `INSTANCE/CLASS/CODE[/SUBSYSTEM]`.
///
/// The text form is the value of X-Road's `X-Road-Client` header (PR-REST section 4.3): the parts
/// separated by `/`, each percent-encoded (PR-REST section 4.2). Parsing decodes each part
/// strictly and validates it as an ``XRoadCode``; nothing is normalised (no case folding, no
/// trimming). The JSON form is the same text.
public struct XRoadClientID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The longest accepted text form, in bytes.
    public static let maximumTextLength = 1024

    /// The X-Road instance, e.g. `MO`.
    public let instance: XRoadCode
    /// The member class, e.g. `GOV`.
    public let memberClass: XRoadCode
    /// The member code, e.g. `DSAL`.
    public let memberCode: XRoadCode
    /// The subsystem, or `nil` for the member itself.
    public let subsystem: XRoadCode?

    /// Creates a client ID from validated parts.
    public init(instance: XRoadCode, memberClass: XRoadCode, memberCode: XRoadCode, subsystem: XRoadCode? = nil) {
        self.instance = instance
        self.memberClass = memberClass
        self.memberCode = memberCode
        self.subsystem = subsystem
    }

    /// Validates each part and creates a client ID.
    public init(instance: String, memberClass: String, memberCode: String, subsystem: String? = nil)
        throws(XRoadIdentifierError)
    {
        self.instance = try XRoadCode(instance, part: "instance")
        self.memberClass = try XRoadCode(memberClass, part: "member class")
        self.memberCode = try XRoadCode(memberCode, part: "member code")
        self.subsystem = try subsystem.map { (value) throws(XRoadIdentifierError) in
            try XRoadCode(value, part: "subsystem code")
        }
    }

    /// Parses the `X-Road-Client` header form `INSTANCE/CLASS/CODE[/SUBSYSTEM]`.
    public init(parsing text: String) throws(XRoadIdentifierError) {
        guard text.utf8.count <= Self.maximumTextLength else { throw .tooLong(limit: Self.maximumTextLength) }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3 || parts.count == 4 else {
            throw .wrongPartCount(expected: "INSTANCE/CLASS/CODE[/SUBSYSTEM]", found: parts.count)
        }
        try self.init(parts: parts[...])
    }

    /// Decodes 3 or 4 percent-encoded parts.
    init(parts: ArraySlice<Substring>) throws(XRoadIdentifierError) {
        let parts = Array(parts)
        instance = try XRoadCode.decoding(parts[0], part: "instance")
        memberClass = try XRoadCode.decoding(parts[1], part: "member class")
        memberCode = try XRoadCode.decoding(parts[2], part: "member code")
        subsystem = parts.count == 4 ? try XRoadCode.decoding(parts[3], part: "subsystem code") : nil
    }

    /// The member this client belongs to (the same ID without the subsystem).
    public var member: XRoadClientID {
        XRoadClientID(instance: instance, memberClass: memberClass, memberCode: memberCode)
    }

    /// The `X-Road-Client` header value: percent-encoded parts joined by `/`.
    public var headerValue: String {
        var parts = [instance, memberClass, memberCode].map(\.percentEncoded)
        if let subsystem { parts.append(subsystem.percentEncoded) }
        return parts.joined(separator: "/")
    }

    /// The header form (``headerValue``).
    public var description: String { headerValue }

    public static func < (lhs: XRoadClientID, rhs: XRoadClientID) -> Bool { lhs.headerValue < rhs.headerValue }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            try self.init(parsing: text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.reason)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(headerValue)
    }
}
