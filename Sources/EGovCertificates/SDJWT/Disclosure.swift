import EGovCore
import EGovCrypto

/// One SD-JWT Disclosure (RFC 9901 section 4.2): the base64url encoding of a JSON array
/// `[salt, claim name, claim value]` for an object property, or `[salt, value]` for an array
/// element.
///
/// The digest that the issuer-signed JWT carries is computed over the ASCII of ``encoded``
/// exactly as received (section 4.2.3), never over a re-serialisation, so a parsed disclosure
/// keeps its text. The description never shows the salt or the value.
public struct Disclosure: Sendable, Hashable, CustomStringConvertible {
    /// The salt (section 4.2.1): a string, by default 128 random bits in base64url.
    public let salt: String
    /// The claim name for an object property, `nil` for an array element.
    public let claimName: String?
    /// The claim value (or the array element).
    public let value: JSONValue
    /// The Disclosure itself: base64url of the UTF-8 JSON array text, exactly as received or
    /// produced.
    public let encoded: String

    /// Longest accepted encoded disclosure, in characters (the whole SD-JWT is limited to this).
    public static let maximumEncodedLength = SDJWT.maximumLength
    /// Deepest accepted JSON nesting inside one disclosure (the array itself counts as one).
    public static let maximumDepth = SDJWT.maximumDepth

    /// Creates a disclosure and encodes it.
    ///
    /// The JSON text uses `", "` between the array elements, as RFC 9901's examples do, and the
    /// canonical form (`CanonicalJSON`) of the value, so a disclosure of a string, number or
    /// boolean reproduces the RFC's published encodings byte for byte.
    ///
    /// - Throws: ``SDJWTError/reservedClaimName`` for the names `_sd` and `...`,
    ///   ``SDJWTError/invalidIssuanceInput(_:)`` for a value that is not valid JSON (a non-finite
    ///   number).
    public init(salt: String, claimName: String?, value: JSONValue) throws(SDJWTError) {
        if let claimName, SDJWTReserved.disclosureNames.contains(claimName) { throw .reservedClaimName }
        var text: [UInt8] = [UInt8(ascii: "[")]
        do {
            text += try CanonicalJSON.serialize(.string(salt))
            if let claimName {
                text += Array(", ".utf8)
                text += try CanonicalJSON.serialize(.string(claimName))
            }
            text += Array(", ".utf8)
            text += try CanonicalJSON.serialize(value)
        } catch {
            throw .invalidIssuanceInput("a claim value is not valid JSON (\(error.reason))")
        }
        text.append(UInt8(ascii: "]"))
        self.salt = salt
        self.claimName = claimName
        self.value = value
        self.encoded = Base64URL.encode(text)
    }

    /// Creates a disclosure with a fresh random salt (``makeSalt()``).
    public init(claimName: String?, value: JSONValue) throws(SDJWTError) {
        try self.init(salt: try Self.makeSalt(), claimName: claimName, value: value)
    }

    /// Parses a Disclosure strictly: strict base64url of UTF-8 JSON (no duplicate members) that is
    /// an array of three elements (string salt, string claim name, value) or two elements (string
    /// salt, value). The claim names `_sd` and `...` are refused. The text is kept as received.
    public init(parsing encoded: String) throws(SDJWTError) {
        guard !encoded.isEmpty else { throw .invalidDisclosure("empty") }
        guard encoded.utf8.count <= Self.maximumEncodedLength else {
            throw .tooLarge(limit: Self.maximumEncodedLength)
        }
        let bytes: [UInt8]
        do {
            bytes = try Base64URL.decode(encoded, limit: Self.maximumEncodedLength)
        } catch {
            throw .invalidDisclosure("not strict base64url")
        }
        let json: JSONValue
        do {
            json = try JSONValue.parse(
                bytes,
                limits: .init(
                    maximumBytes: Self.maximumEncodedLength, maximumDepth: Self.maximumDepth,
                    maximumStringBytes: Self.maximumEncodedLength))
        } catch {
            throw .invalidDisclosure("not strict JSON (\(error.code))")
        }
        guard case .array(let elements) = json else { throw .invalidDisclosure("not a JSON array") }
        guard elements.count == 2 || elements.count == 3 else {
            throw .invalidDisclosure("a JSON array of \(elements.count) elements, not 2 or 3")
        }
        guard case .string(let salt) = elements[0] else { throw .invalidDisclosure("the salt is not a string") }
        if elements.count == 3 {
            guard case .string(let name) = elements[1] else {
                throw .invalidDisclosure("the claim name is not a string")
            }
            guard !SDJWTReserved.disclosureNames.contains(name) else { throw .reservedClaimName }
            self.claimName = name
            self.value = elements[2]
        } else {
            self.claimName = nil
            self.value = elements[1]
        }
        self.salt = salt
        self.encoded = encoded
    }

    /// Each disclosure's position, keyed by its digest.
    ///
    /// - Throws: ``SDJWTError/duplicateDisclosure`` when two disclosures have the same digest.
    static func indexByDigest(_ disclosures: [Disclosure], hash: HashAlgorithm) throws(SDJWTError) -> [String: Int] {
        var byDigest: [String: Int] = [:]
        for (index, disclosure) in disclosures.enumerated() {
            guard byDigest.updateValue(index, forKey: disclosure.digest(hash)) == nil else {
                throw .duplicateDisclosure
            }
        }
        return byDigest
    }

    /// The base64url digest of the ASCII of ``encoded`` (RFC 9901 section 4.2.3).
    public func digest(_ hash: HashAlgorithm = .sha256) -> String {
        Base64URL.encode(hash.hash(Array(encoded.utf8)))
    }

    /// Whether this is an array-element disclosure (no claim name).
    public var isArrayElement: Bool { claimName == nil }

    /// A fresh salt: 128 bits from `SecureRandom`, base64url (RFC 9901 section 9.3).
    public static func makeSalt() throws(SDJWTError) -> String {
        do {
            return Base64URL.encode(try SecureRandom.bytes(count: 16))
        } catch {
            throw .signingFailed("no random salt available")
        }
    }

    /// Says what kind of disclosure this is, without its salt or value.
    public var description: String {
        claimName == nil ? "Disclosure(array element)" : "Disclosure(object property)"
    }
}

/// Names RFC 9901 and SD-JWT VC reserve.
enum SDJWTReserved {
    /// Claim names a disclosure may never carry (RFC 9901 section 4.2.1).
    static let disclosureNames: Set<String> = ["_sd", "..."]
    /// Names that may not appear in issuance input at any level: the issuer adds them.
    static let inputNames: Set<String> = ["_sd", "_sd_alg", "..."]
    /// Top-level claims that must stay in the clear (RFC 9901 section 9.7 and SD-JWT VC
    /// section 3.2.2: `iss`, `nbf`, `exp`, `cnf`, `vct`, `vct#integrity`, `status`).
    static let neverDisclosable: Set<String> = ["iss", "nbf", "exp", "cnf", "vct", "vct#integrity", "status"]
}
