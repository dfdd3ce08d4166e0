import COpenSSL
import EGovCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Internal helpers shared by the X.509 types: OIDs, times, integers, strings and signing contexts.
enum X509Support {
    /// OID of SM2-with-SM3 signatures (GM/T 0006).
    static let sm2WithSM3OID = "1.2.156.10197.1.501"
    /// OID of the qcStatements extension (RFC 3739).
    static let qcStatementsOID = "1.3.6.1.5.5.7.1.3"

    /// The dotted text of an `ASN1_OBJECT`.
    static func oidText(_ object: OpaquePointer?) -> String? {
        guard let object else { return nil }
        var buffer = [CChar](repeating: 0, count: 256)
        let length = OBJ_obj2txt(&buffer, Int32(buffer.count), object, 1)
        guard length > 0, Int(length) < buffer.count else { return nil }
        return String(decoding: buffer.prefix(Int(length)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A new `ASN1_OBJECT` for a dotted OID (numeric form only); the caller frees it.
    static func object(forOID oid: String) throws(CryptoError) -> OpaquePointer {
        guard !oid.isEmpty, oid.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2E }),
            let object = OBJ_txt2obj(oid, 1)
        else {
            OpenSSL.clearErrors()
            throw .malformedDER(what: "invalid object identifier")
        }
        return object
    }

    /// The bytes of an ASN.1 string (octet string, bit string, IA5String...).
    static func bytes(of string: UnsafePointer<ASN1_STRING>?) -> [UInt8] {
        guard let string, let data = ASN1_STRING_get0_data(string) else { return [] }
        let length = Int(ASN1_STRING_length(string))
        guard length > 0 else { return [] }
        return Array(UnsafeBufferPointer(start: data, count: length))
    }

    /// An ASN.1 string as UTF-8 text (converted from its declared string type), or `nil`.
    static func utf8Text(of string: UnsafePointer<ASN1_STRING>?) -> String? {
        guard let string else { return nil }
        var output: UnsafeMutablePointer<UInt8>?
        let length = ASN1_STRING_to_UTF8(&output, string)
        guard length >= 0, let output else {
            OpenSSL.clearErrors()
            return nil
        }
        defer { CRYPTO_free(output, #fileID, #line) }
        return String(validating: UnsafeBufferPointer(start: output, count: Int(length)), as: UTF8.self)
    }

    /// Lowercase hex of an `ASN1_INTEGER` magnitude without superfluous leading zeros, with a
    /// leading `-` for negative values (which RFC 5280 forbids for serials but OpenSSL parses).
    static func integerHex(_ integer: UnsafePointer<ASN1_INTEGER>?) -> String? {
        guard let integer else { return nil }
        var magnitude = bytes(of: integer)
        while magnitude.count > 1, magnitude.first == 0 { magnitude.removeFirst() }
        if magnitude.isEmpty { magnitude = [0] }
        let negative = ASN1_STRING_type(integer) == V_ASN1_NEG_INTEGER
        return (negative ? "-" : "") + Hex.encode(magnitude)
    }

    /// A new `ASN1_INTEGER` for a non-negative big-endian magnitude; the caller frees it.
    static func integer(magnitude: [UInt8]) throws(CryptoError) -> UnsafeMutablePointer<ASN1_INTEGER> {
        let bn = magnitude.withNonNullBytes { BN_bin2bn($0, Int32($1), nil) }
        guard let bn else { throw OpenSSL.failure("BN_bin2bn") }
        defer { BN_free(bn) }
        guard let integer = BN_to_ASN1_INTEGER(bn, nil) else {
            throw OpenSSL.failure("BN_to_ASN1_INTEGER")
        }
        return integer
    }

    /// The instant an `ASN1_TIME` denotes.
    static func date(_ time: UnsafePointer<ASN1_TIME>?) -> Date? {
        guard let time, ASN1_TIME_check(time) == 1 else {
            OpenSSL.clearErrors()
            return nil
        }
        var parts = tm()
        guard ASN1_TIME_to_tm(time, &parts) == 1 else {
            OpenSSL.clearErrors()
            return nil
        }
        return Date(timeIntervalSince1970: TimeInterval(timegm(&parts)))
    }

    /// Seconds since the epoch, truncated to whole seconds (X.509 times have no fractions).
    static func epochSeconds(_ date: Date) -> time_t {
        time_t(date.timeIntervalSince1970.rounded(.down))
    }

    /// A new `ASN1_TIME` (UTCTime before 2050, GeneralizedTime after, as RFC 5280 requires).
    static func time(_ date: Date) throws(CryptoError) -> UnsafeMutablePointer<ASN1_TIME> {
        let seconds = date.timeIntervalSince1970
        guard seconds.isFinite, seconds > -2_208_988_800, seconds < 253_402_300_800 else {
            throw .malformedCertificate("time outside the X.509 range")
        }
        guard let time = ASN1_TIME_set(nil, epochSeconds(date)) else {
            throw OpenSSL.failure("ASN1_TIME_set")
        }
        return time
    }

    /// Runs `body` with an `EVP_MD_CTX` initialised for signing with `key`: SHA-256 for P-256 and
    /// RSA (PKCS #1 v1.5), SHA-384 for P-384, no digest for Ed25519 and SM3 with the
    /// distinguishing ID `sm2ID` for SM2.
    static func withSigningContext<R>(
        _ key: PrivateKey, sm2ID: SM2DistinguishingID, _ body: (OpaquePointer) throws(CryptoError) -> R
    ) throws(CryptoError) -> R {
        guard let context = EVP_MD_CTX_new() else { throw OpenSSL.failure("EVP_MD_CTX_new") }
        defer { EVP_MD_CTX_free(context) }
        var ownedPKeyContext: OpaquePointer?
        defer { if let ownedPKeyContext { EVP_PKEY_CTX_free(ownedPKeyContext) } }
        switch key.keyType {
        case .sm2:
            guard let pkeyContext = EVP_PKEY_CTX_new_from_pkey(nil, key.key.pointer, nil) else {
                throw OpenSSL.failure("EVP_PKEY_CTX_new_from_pkey")
            }
            ownedPKeyContext = pkeyContext
            let idSet = sm2ID.bytes.withNonNullBytes { EVP_PKEY_CTX_set1_id(pkeyContext, $0, Int32($1)) }
            guard idSet == 1 else { throw OpenSSL.failure("EVP_PKEY_CTX_set1_id") }
            // The md context does not own this pkey context; it is freed by the defer above.
            EVP_MD_CTX_set_pkey_ctx(context, pkeyContext)
            guard EVP_DigestSignInit(context, nil, EVP_sm3(), nil, key.key.pointer) == 1 else {
                throw OpenSSL.failure("EVP_DigestSignInit(SM2)")
            }
        case .p256, .rsa:
            guard EVP_DigestSignInit(context, nil, EVP_sha256(), nil, key.key.pointer) == 1 else {
                throw OpenSSL.failure("EVP_DigestSignInit")
            }
        case .p384:
            guard EVP_DigestSignInit(context, nil, EVP_sha384(), nil, key.key.pointer) == 1 else {
                throw OpenSSL.failure("EVP_DigestSignInit")
            }
        case .ed25519:
            guard EVP_DigestSignInit(context, nil, nil, nil, key.key.pointer) == 1 else {
                throw OpenSSL.failure("EVP_DigestSignInit")
            }
        }
        return try body(context)
    }

    /// Appends a DER length.
    static func appendLength(_ length: Int, to output: inout [UInt8]) {
        if length < 0x80 {
            output.append(UInt8(length))
            return
        }
        var bytes = [UInt8]()
        var remaining = length
        while remaining > 0 {
            bytes.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        }
        output.append(0x80 | UInt8(bytes.count))
        output.append(contentsOf: bytes)
    }

    /// A DER SEQUENCE around already-encoded contents.
    static func sequence(_ contents: [UInt8]) -> [UInt8] {
        var output: [UInt8] = [0x30]
        appendLength(contents.count, to: &output)
        return output + contents
    }

    /// The DER of an OBJECT IDENTIFIER.
    static func encodedOID(_ oid: String) throws(CryptoError) -> [UInt8] {
        let object = try object(forOID: oid)
        defer { ASN1_OBJECT_free(object) }
        return try OpenSSL.i2d("i2d_ASN1_OBJECT") { i2d_ASN1_OBJECT(object, $0) }
    }

    /// Reads one DER TLV header at `offset` within `bytes` with OpenSSL's `ASN1_get_object`.
    /// Returns the tag, the offset of the contents and their length; refuses indefinite lengths
    /// and lengths that run past `end`.
    static func readTLV(_ bytes: [UInt8], at offset: Int, end: Int) -> (
        tag: Int32, constructed: Bool, contentStart: Int, contentLength: Int
    )? {
        guard offset < end, end <= bytes.count else { return nil }
        return bytes.withUnsafeBufferPointer { buffer -> (Int32, Bool, Int, Int)? in
            guard let base = buffer.baseAddress else { return nil }
            var cursor: UnsafePointer<UInt8>? = base + offset
            var length = 0
            var tag: Int32 = 0
            var tagClass: Int32 = 0
            let flags = ASN1_get_object(&cursor, &length, &tag, &tagClass, end - offset)
            guard flags & 0x80 == 0, flags & 0x01 == 0, tagClass == V_ASN1_UNIVERSAL, let cursor else {
                OpenSSL.clearErrors()
                return nil
            }
            let start = cursor - base
            guard length >= 0, start + length <= end else { return nil }
            return (tag, flags & V_ASN1_CONSTRUCTED != 0, start, length)
        }
    }
}
