import EGovCore
import Foundation

/// A JSON Web Key (RFC 7517) for the key types EGovKit signs with (RFC 7518 section 6, RFC 8037).
///
/// | key | `kty` | `crv` | members |
/// |---|---|---|---|
/// | P-256 / P-384 | `EC` | `P-256` / `P-384` | `x`, `y` (+ `d`) |
/// | Ed25519 | `OKP` | `Ed25519` | `x` (+ `d`) |
/// | RSA (2048...16384 bits) | `RSA` | – | `n`, `e` (+ `d`, `p`, `q`, `dp`, `dq`, `qi`) |
/// | SM2 | `EC` | `SM2` (not IANA-registered, see Documentation/Crypto.md) | `x`, `y` (+ `d`) |
///
/// Parsing is strict (``validate()``): an unknown `kty` or `crv`, a missing member, a member that
/// belongs to another key type, base64url that is not strict (EGovCore `Base64URL`),
/// coordinates or private scalars of the wrong length, non-minimal RSA integers, multi-prime RSA
/// (`oth`), a member that is `null` or of the wrong JSON type (`"alg": null`, a numeric `kid`),
/// an `alg`/`use`/`key_ops` that does not fit a signature key of this type, and RSA
/// moduli under 2048 bits are all refused with a ``CryptoError``. Whether a point lies on its
/// curve and whether a private key matches its public members is checked by OpenSSL when the JWK
/// becomes a ``PublicKey`` or ``PrivateKey``.
///
/// A JWK with `d` is **secret**: ``description`` redacts it, but the value itself (and its JSON)
/// must be handled like any other private key.
public struct JWK: Codable, Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible {
    /// Key type: `EC`, `OKP` or `RSA`.
    public var kty: String
    /// Curve: `P-256`, `P-384`, `SM2` (for `EC`) or `Ed25519` (for `OKP`).
    public var crv: String?
    /// EC x coordinate or OKP public key (base64url).
    public var x: String?
    /// EC y coordinate (base64url).
    public var y: String?
    /// Private scalar (EC, OKP) or private exponent (RSA). Secret.
    public var d: String?
    /// RSA modulus.
    public var n: String?
    /// RSA public exponent.
    public var e: String?
    /// RSA first prime factor. Secret.
    public var p: String?
    /// RSA second prime factor. Secret.
    public var q: String?
    /// RSA first factor CRT exponent. Secret.
    public var dp: String?
    /// RSA second factor CRT exponent. Secret.
    public var dq: String?
    /// RSA first CRT coefficient. Secret.
    public var qi: String?
    /// Key identifier.
    public var kid: String?
    /// Intended algorithm (a ``SignatureAlgorithm`` label).
    public var alg: String?
    /// Intended use; only `sig` is accepted.
    public var use: String?
    /// Permitted operations; only `sign` and `verify` are accepted.
    public var keyOps: [String]?

    /// Largest accepted JWK JSON text (64 KiB).
    public static let maximumLength = 64 * 1024
    /// Largest accepted `kid`, in UTF-8 bytes.
    public static let maximumKeyIDLength = 1024

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kty, crv, x, y, d, n, e, p, q, dp, dq, qi, kid, alg, use
        case keyOps = "key_ops"
    }

    /// Creates a JWK from its members without validating them (``validate()`` runs whenever the
    /// JWK is decoded or converted to a key).
    public init(
        kty: String, crv: String? = nil, x: String? = nil, y: String? = nil, d: String? = nil,
        n: String? = nil, e: String? = nil, p: String? = nil, q: String? = nil, dp: String? = nil,
        dq: String? = nil, qi: String? = nil, kid: String? = nil, alg: String? = nil,
        use: String? = nil, keyOps: [String]? = nil
    ) {
        self.kty = kty
        self.crv = crv
        self.x = x
        self.y = y
        self.d = d
        self.n = n
        self.e = e
        self.p = p
        self.q = q
        self.dp = dp
        self.dq = dq
        self.qi = qi
        self.kid = kid
        self.alg = alg
        self.use = use
        self.keyOps = keyOps
    }

    /// Parses and validates a JWK from JSON (UTF-8) of at most ``maximumLength`` bytes.
    public init(jsonBytes json: some DataProtocol) throws(CryptoError) {
        guard json.count <= Self.maximumLength else {
            throw .inputTooLarge(what: "JWK JSON", limit: Self.maximumLength)
        }
        let bytes = json.egovBytes
        // Strict parse first: refuses duplicate members (which Foundation's decoder would
        // silently resolve), invalid UTF-8, lone surrogates and excessive nesting.
        do {
            _ = try JSONValue.parse(bytes, limits: .init(maximumBytes: Self.maximumLength, maximumDepth: 8))
        } catch {
            throw .malformedJWK(error.reason)
        }
        do {
            self = try JSONDecoder().decode(JWK.self, from: Data(bytes))
        } catch let error as CryptoError {
            throw error
        } catch let DecodingError.typeMismatch(_, context) {
            throw .malformedJWK("member \(Self.path(context)) has the wrong JSON type")
        } catch let DecodingError.valueNotFound(_, context) {
            throw .malformedJWK("member \(Self.path(context)) is null")
        } catch let DecodingError.keyNotFound(key, _) {
            throw .malformedJWK("required member \(key.stringValue) is missing")
        } catch {
            throw .malformedJWK("not a JSON object")
        }
    }

    /// Parses and validates a JWK from a JSON string.
    public init(jsonString: String) throws(CryptoError) {
        try self.init(jsonBytes: Array(jsonString.utf8))
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        // `oth` (multi-prime RSA) is not supported; other unknown members are ignored as
        // RFC 7517 section 4 requires.
        let other = try decoder.container(keyedBy: AnyKey.self)
        if other.contains(AnyKey("oth")) {
            throw CryptoError.unsupportedKey("multi-prime RSA JWK (oth) is not supported")
        }
        // A member is either absent or of its JSON type: `"alg": null` is refused, not read as absent.
        for key in CodingKeys.allCases where container.contains(key) {
            if try container.decodeNil(forKey: key) {
                throw CryptoError.malformedJWK("member \(key.stringValue) is null")
            }
        }
        self.init(
            kty: try container.decode(String.self, forKey: .kty),
            crv: try container.decodeIfPresent(String.self, forKey: .crv),
            x: try container.decodeIfPresent(String.self, forKey: .x),
            y: try container.decodeIfPresent(String.self, forKey: .y),
            d: try container.decodeIfPresent(String.self, forKey: .d),
            n: try container.decodeIfPresent(String.self, forKey: .n),
            e: try container.decodeIfPresent(String.self, forKey: .e),
            p: try container.decodeIfPresent(String.self, forKey: .p),
            q: try container.decodeIfPresent(String.self, forKey: .q),
            dp: try container.decodeIfPresent(String.self, forKey: .dp),
            dq: try container.decodeIfPresent(String.self, forKey: .dq),
            qi: try container.decodeIfPresent(String.self, forKey: .qi),
            kid: try container.decodeIfPresent(String.self, forKey: .kid),
            alg: try container.decodeIfPresent(String.self, forKey: .alg),
            use: try container.decodeIfPresent(String.self, forKey: .use),
            keyOps: try container.decodeIfPresent([String].self, forKey: .keyOps))
        try validate()
    }

    /// The JWK as compact JSON with sorted members. Secret when the JWK holds `d`.
    public func jsonBytes() throws(CryptoError) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return Array(try encoder.encode(self))
        } catch {
            throw .engineFailure(operation: "JSONEncoder(JWK)", detail: "encoding failed")
        }
    }

    /// Whether the JWK carries private members.
    public var isPrivate: Bool {
        d != nil || p != nil || q != nil || dp != nil || dq != nil || qi != nil
    }

    /// This JWK without its private members.
    public var publicJWK: JWK {
        var copy = self
        copy.d = nil
        copy.p = nil
        copy.q = nil
        copy.dp = nil
        copy.dq = nil
        copy.qi = nil
        if let ops = copy.keyOps { copy.keyOps = ops.filter { $0 != "sign" } }
        return copy
    }

    /// The RFC 7638 JWK thumbprint: the base64url digest of the required public members in
    /// lexicographic order, without whitespace. Optional members (`kid`, `alg`, ...) and private
    /// members do not change it.
    public func thumbprint(using hash: HashAlgorithm = .sha256) throws(CryptoError) -> String {
        let shape = try checkedShape()
        // Every value below passed validation (known constants or strict base64url), so none
        // needs JSON escaping.
        let canonical: String
        switch shape {
        case .ec:
            canonical = #"{"crv":"\#(crv ?? "")","kty":"EC","x":"\#(x ?? "")","y":"\#(y ?? "")"}"#
        case .okp:
            canonical = #"{"crv":"\#(crv ?? "")","kty":"OKP","x":"\#(x ?? "")"}"#
        case .rsa:
            canonical = #"{"e":"\#(e ?? "")","kty":"RSA","n":"\#(n ?? "")"}"#
        }
        return Base64URL.encode(hash.hash(Array(canonical.utf8)))
    }

    public var description: String {
        var parts = ["kty: \(kty)"]
        if let crv { parts.append("crv: \(crv)") }
        if let kid { parts.append("kid: \(kid)") }
        if let alg { parts.append("alg: \(alg)") }
        parts.append(isPrivate ? "private, redacted" : "public")
        return "JWK(\(parts.joined(separator: ", ")))"
    }

    public var debugDescription: String { description }

    // MARK: - Validation

    /// The key shapes a JWK can take.
    enum Shape { case ec, okp, rsa }

    /// The key type the JWK describes, after structural validation.
    var keyType: KeyType {
        get throws(CryptoError) {
            switch try checkedShape() {
            case .ec:
                switch crv {
                case "P-256": return .p256
                case "P-384": return .p384
                default: return .sm2
                }
            case .okp:
                return .ed25519
            case .rsa:
                let modulus = try Self.decode(n, "n")
                return .rsa(bits: Self.bitLength(modulus))
            }
        }
    }

    /// Checks the JWK's structure (see the type's documentation). Cryptographic checks (point on
    /// the curve, private/public consistency) happen on conversion to a key.
    public func validate() throws(CryptoError) { _ = try checkedShape() }

    /// Structural validation; returns the key shape.
    func checkedShape() throws(CryptoError) -> Shape {
        let shape: Shape
        let allowed: Set<CodingKeys>
        switch kty {
        case "EC":
            shape = .ec
            allowed = [.crv, .x, .y, .d]
            let length: Int
            switch crv {
            case "P-256", "SM2": length = 32
            case "P-384": length = 48
            case nil: throw .malformedJWK("required member crv is missing")
            default: throw .unsupportedKey("JWK EC curve is not P-256, P-384 or SM2")
            }
            try Self.requireLength(x, "x", length)
            try Self.requireLength(y, "y", length)
            if d != nil { try Self.requireLength(d, "d", length) }
        case "OKP":
            shape = .okp
            allowed = [.crv, .x, .d]
            switch crv {
            case "Ed25519": break
            case nil: throw .malformedJWK("required member crv is missing")
            default: throw .unsupportedKey("JWK OKP curve is not Ed25519")
            }
            try Self.requireLength(x, "x", 32)
            if d != nil { try Self.requireLength(d, "d", 32) }
        case "RSA":
            shape = .rsa
            allowed = [.n, .e, .d, .p, .q, .dp, .dq, .qi]
            let modulus = try Self.decodeUInt(n, "n")
            guard modulus.count <= KeyType.maximumRSABits / 8 else {
                throw .unsupportedKey("RSA modulus exceeds \(KeyType.maximumRSABits) bits")
            }
            let bits = Self.bitLength(modulus)
            guard bits >= KeyType.minimumRSABits else {
                throw .keyTooSmall(bits: bits, minimum: KeyType.minimumRSABits)
            }
            let exponent = try Self.decodeUInt(e, "e")
            guard exponent.count <= 8 else { throw .malformedJWK("RSA public exponent is too large") }
            let privateMembers: [(String?, String)] = [
                (d, "d"), (p, "p"), (q, "q"), (dp, "dp"), (dq, "dq"), (qi, "qi"),
            ]
            let present = privateMembers.filter { $0.0 != nil }
            if !present.isEmpty {
                // RFC 7518 section 6.3.2 allows `d` alone; EGovKit requires the CRT members too.
                guard present.count == privateMembers.count else {
                    throw .malformedJWK("an RSA private JWK needs all of d, p, q, dp, dq, qi")
                }
                for (value, name) in privateMembers {
                    let bytes = try Self.decodeUInt(value, name)
                    guard bytes.count <= modulus.count else { throw .malformedJWK("member \(name) is too long") }
                }
            }
        default:
            throw .unsupportedKey("JWK key type is not EC, OKP or RSA")
        }
        let present: [(CodingKeys, Bool)] = [
            (.crv, crv != nil), (.x, x != nil), (.y, y != nil), (.d, d != nil), (.n, n != nil),
            (.e, e != nil), (.p, p != nil), (.q, q != nil), (.dp, dp != nil), (.dq, dq != nil), (.qi, qi != nil),
        ]
        for (key, isPresent) in present where isPresent && !allowed.contains(key) {
            throw .malformedJWK("member \(key.rawValue) does not belong to a \(kty) key")
        }
        if let kid, kid.utf8.count > Self.maximumKeyIDLength {
            throw .malformedJWK("kid is longer than \(Self.maximumKeyIDLength) bytes")
        }
        if let alg {
            guard let algorithm = SignatureAlgorithm(rawValue: alg) else {
                throw .unsupportedKey("JWK alg is not a signature algorithm EGovKit supports")
            }
            let family: KeyType.Family
            switch shape {
            case .ec: family = crv == "SM2" ? .sm2 : .ecdsa
            case .okp: family = .ed25519
            case .rsa: family = .rsa
            }
            let curveFits: Bool
            switch algorithm {
            case .es256: curveFits = crv == "P-256"
            case .es384: curveFits = crv == "P-384"
            default: curveFits = true
            }
            guard algorithm.keyFamily == family, curveFits else {
                throw .algorithmMismatch(algorithm: algorithm, keyType: crv ?? kty)
            }
        }
        if let use, use != "sig" {
            throw .malformedJWK("use must be \"sig\" for a signature key")
        }
        if let keyOps {
            guard keyOps.allSatisfy({ $0 == "sign" || $0 == "verify" }), Set(keyOps).count == keyOps.count else {
                throw .malformedJWK("key_ops may only list sign and verify, each at most once")
            }
        }
        return shape
    }

    // MARK: - Helpers

    static func decode(_ value: String?, _ name: String) throws(CryptoError) -> [UInt8] {
        guard let value else { throw .malformedJWK("required member \(name) is missing") }
        do {
            return try Base64URL.decode(value, limit: maximumLength)
        } catch {
            throw .malformedJWK("member \(name) is not strict base64url (\(error.code))")
        }
    }

    private static func requireLength(_ value: String?, _ name: String, _ length: Int) throws(CryptoError) {
        let bytes = try decode(value, name)
        guard bytes.count == length else {
            throw .malformedJWK("member \(name) must be \(length) bytes, got \(bytes.count)")
        }
    }

    /// Decodes a Base64urlUInt (RFC 7518 section 2): non-empty, minimal (no leading zero octet
    /// unless the value is zero).
    static func decodeUInt(_ value: String?, _ name: String) throws(CryptoError) -> [UInt8] {
        let bytes = try decode(value, name)
        guard let first = bytes.first else { throw .malformedJWK("member \(name) is empty") }
        guard first != 0 || bytes.count == 1 else {
            throw .malformedJWK("member \(name) has a leading zero octet (not minimal)")
        }
        return bytes
    }

    static func bitLength(_ bytes: [UInt8]) -> Int {
        guard let index = bytes.firstIndex(where: { $0 != 0 }) else { return 0 }
        return (bytes.count - index) * 8 - bytes[index].leadingZeroBitCount
    }

    private static func path(_ context: DecodingError.Context) -> String {
        let names = context.codingPath.map(\.stringValue)
        return names.isEmpty ? "(root)" : names.joined(separator: ".")
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(_ string: String) { stringValue = string }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
