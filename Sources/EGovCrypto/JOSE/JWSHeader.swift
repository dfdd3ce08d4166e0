import EGovCore
import Foundation

/// A JWS protected header (RFC 7515 section 4), parsed strictly.
///
/// Registered members are typed; every member, registered or not, stays available in
/// ``members``. Duplicate member names are refused by the JSON parser (RFC 7515 section 5.2
/// allows rejecting them, and EGovKit does).
public struct JWSHeader: Sendable, Hashable {
    /// The signature algorithm.
    public var algorithm: SignatureAlgorithm
    /// `typ`, the media type of the complete JWS (e.g. `JWT`, `dc+sd-jwt`).
    public var type: String?
    /// `kid`, a hint naming the key.
    public var keyID: String?
    /// `cty`, the media type of the payload.
    public var contentType: String?
    /// `x5c`: the signer's certificate chain as DER, leaf first.
    public var certificateChain: [[UInt8]]?
    /// `crit`: extension members the recipient must understand.
    public var critical: [String]?
    /// Whether the payload is base64url-encoded in the signing input (the default, RFC 7515) or
    /// used as-is (`"b64": false`, RFC 7797).
    ///
    /// When `false`, the serialised header carries `"b64": false` and lists `b64` in `crit`;
    /// both are added automatically. A parsed header with a `b64` member that `crit` does not list
    /// is refused (RFC 7797 section 6).
    public var base64EncodePayload: Bool
    /// All members as JSON (including the typed ones above and any private members).
    public private(set) var members: [String: JSONValue]

    /// Members defined by RFC 7515 that may not appear in `crit`.
    static let registeredNames: Set<String> = [
        "alg", "jku", "jwk", "kid", "x5u", "x5c", "x5t", "x5t#S256", "typ", "cty", "crit",
    ]

    /// Creates a header for signing.
    ///
    /// - Parameters:
    ///   - algorithm: the signing key's algorithm.
    ///   - type: `typ`, e.g. `JWT`.
    ///   - keyID: `kid`.
    ///   - contentType: `cty`, the media type of the payload.
    ///   - certificateChain: `x5c` DER certificates, leaf first.
    ///   - critical: `crit`, extension member names the recipient must understand.
    ///   - base64EncodePayload: `false` for an unencoded payload (RFC 7797): `"b64": false` is
    ///     added and `b64` is appended to `crit`.
    ///   - additional: further members (e.g. `iat` for a signing time). They may not override the
    ///     typed members above.
    public init(
        algorithm: SignatureAlgorithm, type: String? = nil, keyID: String? = nil, contentType: String? = nil,
        certificateChain: [[UInt8]]? = nil, critical: [String]? = nil, base64EncodePayload: Bool = true,
        additional: [String: JSONValue] = [:]
    ) {
        var critical = critical
        if !base64EncodePayload, !(critical ?? []).contains("b64") { critical = (critical ?? []) + ["b64"] }
        self.algorithm = algorithm
        self.type = type
        self.keyID = keyID
        self.contentType = contentType
        self.certificateChain = certificateChain
        self.critical = critical
        self.base64EncodePayload = base64EncodePayload
        var members = additional
        members["b64"] = base64EncodePayload ? nil : .bool(false)
        members["alg"] = .string(algorithm.rawValue)
        if let type { members["typ"] = .string(type) }
        if let keyID { members["kid"] = .string(keyID) }
        if let contentType { members["cty"] = .string(contentType) }
        if let certificateChain {
            members["x5c"] = .array(certificateChain.map { .string(Self.standardBase64($0)) })
        }
        if let critical { members["crit"] = .array(critical.map { .string($0) }) }
        self.members = members
    }

    /// Parses and checks a decoded protected header.
    init(parsing bytes: [UInt8]) throws(JWSError) {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, limits: .init(maximumBytes: 64 * 1024, maximumDepth: 16))
        } catch {
            throw .invalidHeader(error.reason)
        }
        guard case .object(let members) = value else { throw .invalidHeader("not a JSON object") }
        guard let algValue = members["alg"] else { throw .missingAlgorithm }
        guard case .string(let alg) = algValue else { throw .invalidHeader("alg is not a string") }
        if alg.lowercased() == "none" { throw .unsecuredAlgorithm }
        guard let algorithm = SignatureAlgorithm(rawValue: alg) else { throw .unsupportedAlgorithm(alg) }
        self.algorithm = algorithm
        self.members = members
        self.type = try Self.optionalString(members, "typ")
        self.keyID = try Self.optionalString(members, "kid")
        self.contentType = try Self.optionalString(members, "cty")
        if let x5c = members["x5c"] {
            guard case .array(let items) = x5c, !items.isEmpty else {
                throw .invalidHeader("x5c is not a non-empty array")
            }
            var chain: [[UInt8]] = []
            for item in items {
                // RFC 7515 section 4.1.6: standard base64 (not base64url) DER.
                guard case .string(let text) = item, let der = Self.decodeStandardBase64(text) else {
                    throw .invalidHeader("x5c entry is not base64 DER")
                }
                chain.append(der)
            }
            self.certificateChain = chain
        } else {
            self.certificateChain = nil
        }
        if let crit = members["crit"] {
            guard case .array(let items) = crit, !items.isEmpty else {
                throw .unsupportedCriticalHeader("crit must be a non-empty array")
            }
            var names: [String] = []
            for item in items {
                guard case .string(let name) = item else {
                    throw .unsupportedCriticalHeader("crit entry is not a string")
                }
                guard !Self.registeredNames.contains(name) else {
                    throw .unsupportedCriticalHeader("\(name) is a registered header and may not be critical")
                }
                guard members[name] != nil else { throw .unsupportedCriticalHeader("\(name) is listed but absent") }
                guard !names.contains(name) else { throw .unsupportedCriticalHeader("\(name) is listed twice") }
                names.append(name)
            }
            self.critical = names
        } else {
            self.critical = nil
        }
        // RFC 7797 section 6: b64 is only honoured when it is critical; a header that carries it
        // otherwise is refused rather than interpreted either way.
        if let b64 = members["b64"] {
            guard case .bool(let flag) = b64, critical?.contains("b64") == true else {
                throw .unencodedPayloadNotCritical
            }
            self.base64EncodePayload = flag
        } else {
            self.base64EncodePayload = true
        }
    }

    /// The members to serialise when signing: ``members`` with the typed properties applied, so
    /// that a header edited through its typed properties signs what it says.
    var signingMembers: [String: JSONValue] {
        var result = members
        result["alg"] = .string(algorithm.rawValue)
        result["typ"] = type.map { .string($0) }
        result["kid"] = keyID.map { .string($0) }
        result["cty"] = contentType.map { .string($0) }
        result["x5c"] = certificateChain.map { .array($0.map { .string(Self.standardBase64($0)) }) }
        var names = (critical ?? []).filter { $0 != "b64" }
        if base64EncodePayload {
            // An explicit, critical `"b64": true` from a parsed header stays as it was.
            if case .bool(true)? = result["b64"] { names.append("b64") } else { result["b64"] = nil }
        } else {
            result["b64"] = .bool(false)
            names.append("b64")
        }
        result["crit"] = names.isEmpty ? nil : .array(names.map { .string($0) })
        return result
    }

    /// The header member `name`, if present.
    public subscript(name: String) -> JSONValue? { members[name] }

    private static func optionalString(_ members: [String: JSONValue], _ name: String) throws(JWSError) -> String? {
        guard let value = members[name] else { return nil }
        guard case .string(let text) = value else { throw .invalidHeader("\(name) is not a string") }
        return text
    }

    /// Standard base64 with padding (RFC 4648 section 4), as `x5c` uses (RFC 7515 section 4.1.6).
    static func standardBase64(_ bytes: [UInt8]) -> String {
        var characters = Array(Base64URL.encode(bytes).utf8).map { byte -> UInt8 in
            switch byte {
            case UInt8(ascii: "-"): UInt8(ascii: "+")
            case UInt8(ascii: "_"): UInt8(ascii: "/")
            default: byte
            }
        }
        while characters.count % 4 != 0 { characters.append(UInt8(ascii: "=")) }
        return String(decoding: characters, as: UTF8.self)
    }

    /// Strict standard base64 with padding: the same canonical rules as ``Base64URL`` (no
    /// whitespace, no URL-safe characters, at most two `=` and only at the end).
    static func decodeStandardBase64(_ text: String) -> [UInt8]? {
        var characters = Array(text.utf8)
        guard characters.count % 4 == 0 else { return nil }
        var padding = 0
        while characters.last == UInt8(ascii: "=") {
            characters.removeLast()
            padding += 1
        }
        guard padding <= 2 else { return nil }
        for index in characters.indices {
            switch characters[index] {
            case UInt8(ascii: "+"): characters[index] = UInt8(ascii: "-")
            case UInt8(ascii: "/"): characters[index] = UInt8(ascii: "_")
            case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "="): return nil
            default: break
            }
        }
        return try? Base64URL.decode(String(decoding: characters, as: UTF8.self))
    }
}
