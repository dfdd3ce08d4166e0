/// A service offered by a provider subsystem:
/// `INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICE[/VERSION]`.
///
/// The request path is `/r1/` followed by that text (X-Road PR-REST section 4.1: protocol
/// version, then the service ID, each part percent-encoded separately). Two deliberate
/// restrictions keep the path unambiguous:
/// - the provider **subsystem is required** (X-Road allows omitting it; then a five-part path
///   could be a member service with a version or a subsystem service without one);
/// - the optional service version is a separate path segment rather than a `.VERSION` suffix,
///   because `.` is a legal character inside a service code.
///
/// Paths with anything after the service ID (sub-paths, a query string, a fragment) are
/// refused: EGovInterop carries every parameter in the signed envelope, never in the URL.
public struct XRoadServiceID: Hashable, Sendable, Comparable, CustomStringConvertible, Codable {
    /// The protocol version segment of request paths.
    public static let protocolVersion = "r1"
    /// The longest accepted text or path, in bytes (X-Road suggests limiting URIs to 2000).
    public static let maximumTextLength = 2000

    /// The providing subsystem (its ``XRoadClientID/subsystem`` is never `nil`).
    public let provider: XRoadClientID
    /// The service code, e.g. `companyRegistration`.
    public let serviceCode: XRoadCode
    /// The service version, e.g. `v1`, if the service is versioned.
    public let serviceVersion: XRoadCode?

    /// Creates a service ID; the provider must name a subsystem.
    public init(provider: XRoadClientID, serviceCode: XRoadCode, serviceVersion: XRoadCode? = nil)
        throws(XRoadIdentifierError)
    {
        guard provider.subsystem != nil else { throw .emptyPart("provider subsystem code") }
        self.provider = provider
        self.serviceCode = serviceCode
        self.serviceVersion = serviceVersion
    }

    /// Validates each part and creates a service ID.
    public init(
        instance: String, memberClass: String, memberCode: String, subsystem: String, serviceCode: String,
        serviceVersion: String? = nil
    ) throws(XRoadIdentifierError) {
        try self.init(
            provider: try XRoadClientID(
                instance: instance, memberClass: memberClass, memberCode: memberCode, subsystem: subsystem),
            serviceCode: try XRoadCode(serviceCode, part: "service code"),
            serviceVersion: try serviceVersion.map { (value) throws(XRoadIdentifierError) in
                try XRoadCode(value, part: "service version")
            })
    }

    /// Parses the text form `INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICE[/VERSION]` (percent-encoded parts).
    public init(parsing text: String) throws(XRoadIdentifierError) {
        guard text.utf8.count <= Self.maximumTextLength else { throw .tooLong(limit: Self.maximumTextLength) }
        try self.init(parts: text.split(separator: "/", omittingEmptySubsequences: false))
    }

    /// Parses a request path `/r1/INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICE[/VERSION]`.
    public init(path: String) throws(XRoadIdentifierError) {
        guard path.utf8.count <= Self.maximumTextLength else { throw .tooLong(limit: Self.maximumTextLength) }
        let prefix = "/" + Self.protocolVersion + "/"
        guard path.hasPrefix(prefix) else { throw .unsupportedProtocolVersion }
        // A raw `?` or `#` starts a query or fragment; inside a part they are always encoded.
        guard !path.utf8.contains(UInt8(ascii: "?")), !path.utf8.contains(UInt8(ascii: "#")) else {
            throw .invalidCharacter("service path (no query or fragment allowed)")
        }
        try self.init(parts: path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false))
    }

    private init(parts: [Substring]) throws(XRoadIdentifierError) {
        guard parts.count == 5 || parts.count == 6 else {
            throw .wrongPartCount(expected: "INSTANCE/CLASS/CODE/SUBSYSTEM/SERVICE[/VERSION]", found: parts.count)
        }
        provider = try XRoadClientID(parts: parts[0..<4])
        serviceCode = try XRoadCode.decoding(parts[4], part: "service code")
        serviceVersion = parts.count == 6 ? try XRoadCode.decoding(parts[5], part: "service version") : nil
    }

    /// The text form with percent-encoded parts.
    public var text: String {
        var value = provider.headerValue + "/" + serviceCode.percentEncoded
        if let serviceVersion { value += "/" + serviceVersion.percentEncoded }
        return value
    }

    /// The request path: `/r1/` + ``text``.
    public var path: String { "/" + Self.protocolVersion + "/" + text }

    /// The text form (``text``).
    public var description: String { text }

    public static func < (lhs: XRoadServiceID, rhs: XRoadServiceID) -> Bool { lhs.text < rhs.text }

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
        try container.encode(text)
    }
}
