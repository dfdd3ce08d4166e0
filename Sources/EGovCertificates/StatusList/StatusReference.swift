import EGovCore
import Foundation

/// Where a Referenced Token's status is recorded: the `status_list` member of its `status`
/// claim (draft-ietf-oauth-status-list, "Referenced Token").
///
/// Claim shape: `"status": {"status_list": {"idx": 0, "uri": "https://example.gov/statuslists/1"}}`.
/// Codable as the inner object `{"idx": …, "uri": …}`, with the same checks as
/// ``init(index:uri:)``.
public struct StatusReference: Sendable, Hashable, Codable {
    /// `idx`: the entry in the list; zero or greater.
    public let index: Int
    /// `uri`: the Status List Token's URI (its `sub`).
    public let uri: String

    /// Creates a reference.
    ///
    /// - Throws: ``StatusListError/invalidReference(_:)`` for a negative index or a `uri` that is
    ///   not an absolute URI.
    public init(index: Int, uri: String) throws(StatusListError) {
        guard index >= 0 else { throw .invalidReference("idx is negative") }
        guard Self.isAbsoluteURI(uri) else { throw .invalidReference("uri is not an absolute URI") }
        self.index = index
        self.uri = uri
    }

    /// Reads a Referenced Token's `status` claim (the value of `status`, an object with a
    /// `status_list` member). Other status mechanisms in the claim are ignored.
    ///
    /// - Throws: ``StatusListError/invalidReference(_:)`` naming the problem.
    public init(claim: JSONValue) throws(StatusListError) {
        guard case .object(let status) = claim else { throw .invalidReference("status is not an object") }
        guard case .object(let reference)? = status["status_list"] else {
            throw .invalidReference("status_list is missing or not an object")
        }
        guard case .number(let idx)? = reference["idx"] else {
            throw .invalidReference("idx is missing or not a number")
        }
        guard let index = JSONNumber.exactInteger(idx) else { throw .invalidReference("idx is not an integer") }
        guard case .string(let uri)? = reference["uri"] else {
            throw .invalidReference("uri is missing or not a string")
        }
        try self.init(index: index, uri: uri)
    }

    /// The `status` claim for a Referenced Token: `{"status_list": {"idx": …, "uri": …}}`.
    public var jsonValue: JSONValue {
        .object(["status_list": .object(["idx": .number(Double(index)), "uri": .string(uri)])])
    }

    private enum CodingKeys: String, CodingKey {
        case index = "idx"
        case uri
    }

    /// Decodes `{"idx": …, "uri": …}`, with the checks of ``init(index:uri:)``.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            index: container.decode(Int.self, forKey: .index), uri: container.decode(String.self, forKey: .uri))
    }

    /// Encodes `{"idx": …, "uri": …}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(uri, forKey: .uri)
    }

    /// Whether `text` is an absolute URI (RFC 3986: a scheme, then `:`), without whitespace.
    static func isAbsoluteURI(_ text: String) -> Bool {
        guard let colon = text.firstIndex(of: ":"), colon != text.startIndex, text.index(after: colon) != text.endIndex
        else { return false }
        let scheme = text[..<colon].unicodeScalars
        guard let first = scheme.first, first.isASCII, first.properties.isAlphabetic else { return false }
        let schemeOK = scheme.allSatisfy {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "+-.".unicodeScalars.contains($0))
        }
        let noSpace = !text.unicodeScalars.contains {
            $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F
        }
        return schemeOK && noSpace
    }
}
