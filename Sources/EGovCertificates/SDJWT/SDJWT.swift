import EGovCore
import EGovCrypto

/// An SD-JWT or SD-JWT+KB in the compact serialisation (RFC 9901 section 4):
/// `<issuer-signed JWT>~<disclosure 1>~…~<disclosure n>~` followed by a Key Binding JWT if any.
///
/// Parsing checks structure only; ``SDJWTVerifier`` checks signatures and digests.
public struct SDJWT: Sendable, Hashable {
    /// The issuer-signed JWT (compact JWS).
    public let issuerJWT: String
    /// The disclosures, in order.
    public let disclosures: [Disclosure]
    /// The Key Binding JWT of an SD-JWT+KB, or `nil`.
    public let keyBindingJWT: String?

    /// Largest accepted serialisation, in bytes (1 MiB).
    public static let maximumLength = 1 << 20
    /// Most disclosures accepted in one SD-JWT.
    public static let maximumDisclosures = 1024
    /// Deepest accepted nesting of claims, counting disclosures inserted into their parents.
    public static let maximumDepth = 16

    /// Creates an SD-JWT from its parts (not checked; ``SDJWTVerifier`` checks).
    public init(issuerJWT: String, disclosures: [Disclosure], keyBindingJWT: String? = nil) {
        self.issuerJWT = issuerJWT
        self.disclosures = disclosures
        self.keyBindingJWT = keyBindingJWT
    }

    /// The compact serialisation: ``sdJWTPart`` followed by the KB-JWT, if any.
    public var serialized: String { sdJWTPart + (keyBindingJWT ?? "") }

    /// The SD-JWT without the KB-JWT, up to and including the last `~`: the text `sd_hash` is
    /// computed over (RFC 9901 section 4.3.1).
    public var sdJWTPart: String {
        var text = issuerJWT + "~"
        for disclosure in disclosures { text += disclosure.encoded + "~" }
        return text
    }

    /// Parses the compact serialisation strictly.
    ///
    /// Refuses text over ``maximumLength`` bytes, text without `~`, an issuer-signed JWT or KB-JWT
    /// that is not three base64url segments separated by dots, an empty disclosure (`~~`), more
    /// than ``maximumDisclosures`` disclosures, a disclosure that does not parse
    /// (``Disclosure/init(parsing:)``), and the same disclosure twice.
    public init(parsing text: String) throws(SDJWTError) {
        guard text.utf8.count <= Self.maximumLength else { throw .tooLarge(limit: Self.maximumLength) }
        let parts = text.splitting(atASCII: UInt8(ascii: "~"))
        guard parts.count >= 2, let first = parts.first, let last = parts.last else {
            throw .malformed("no ~ after the issuer-signed JWT")
        }
        guard Self.isCompactJWT(first) else { throw .malformed("the issuer-signed JWT is not a compact JWS") }
        let middle = parts.dropFirst().dropLast()
        guard middle.count <= Self.maximumDisclosures else {
            throw .tooManyDisclosures(limit: Self.maximumDisclosures)
        }
        var disclosures: [Disclosure] = []
        var seen: Set<String> = []
        for part in middle {
            guard !part.isEmpty else { throw .malformed("an empty disclosure") }
            guard seen.insert(part).inserted else { throw .duplicateDisclosure }
            disclosures.append(try Disclosure(parsing: String(part)))
        }
        if last.isEmpty {
            keyBindingJWT = nil
        } else {
            guard Self.isCompactJWT(last) else { throw .malformed("the Key Binding JWT is not a compact JWS") }
            keyBindingJWT = String(last)
        }
        issuerJWT = String(first)
        self.disclosures = disclosures
    }

    /// Whether `text` is three non-empty base64url segments separated by dots (JWS compact form
    /// with an attached payload).
    static func isCompactJWT(_ text: String) -> Bool {
        let segments = text.splitting(atASCII: UInt8(ascii: "."))
        guard segments.count == 3 else { return false }
        return segments.allSatisfy { segment in
            !segment.isEmpty
                && segment.utf8.allSatisfy { byte in
                    (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
                        || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
                }
        }
    }

    /// The JSON limits for payloads: the SD-JWT size and nesting limits.
    static let payloadLimits = JSONValue.Limits(
        maximumBytes: maximumLength, maximumDepth: maximumDepth, maximumStringBytes: maximumLength)

    /// Decodes the payload of a compact JWT **without verifying it** (for choosing a key, or for
    /// the holder's own credential).
    static func unverifiedPayload(of jwt: String) throws(SDJWTError) -> [String: JSONValue] {
        let segments = jwt.splitting(atASCII: UInt8(ascii: "."))
        guard segments.count == 3 else { throw .malformed("the issuer-signed JWT is not a compact JWS") }
        let bytes: [UInt8]
        do {
            bytes = try Base64URL.decode(segments[1], limit: maximumLength)
        } catch {
            throw .invalidPayload("not strict base64url")
        }
        return try jsonObject(bytes)
    }

    /// Parses a JSON object with the payload limits.
    static func jsonObject(_ bytes: [UInt8]) throws(SDJWTError) -> [String: JSONValue] {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes, limits: payloadLimits)
        } catch {
            if case .tooDeep = error.kind { throw .tooDeep(limit: maximumDepth) }
            throw .invalidPayload("not strict JSON (\(error.code))")
        }
        guard case .object(let members) = value else { throw .invalidPayload("not a JSON object") }
        return members
    }

    /// The hash algorithm named by `_sd_alg` (default `sha-256`), among `allowed`.
    static func hashAlgorithm(
        of payload: [String: JSONValue], allowed: Set<HashAlgorithm>
    ) throws(SDJWTError) -> HashAlgorithm {
        guard let value = payload["_sd_alg"] else {
            guard allowed.contains(.sha256) else { throw .unsupportedHashAlgorithm("sha-256") }
            return .sha256
        }
        guard case .string(let name) = value else { throw .misplacedHashAlgorithmClaim }
        // Case-sensitive (RFC 9901 section 4.1.1), and only names EGovKit knows.
        guard let algorithm = HashAlgorithm(rawValue: name), allowed.contains(algorithm) else {
            throw .unsupportedHashAlgorithm(name.count <= 32 ? name : "(a long name)")
        }
        return algorithm
    }
}
