import COpenSSL
import Foundation

/// Internal helpers shared by the RFC 3161 types: algorithm identifiers, integers, strictness.
enum TimeStampSupport {
    /// Largest accepted `TimeStampReq` DER (64 KiB).
    static let maximumRequestLength = 64 * 1024
    /// Largest accepted `TimeStampResp` or token DER (1 MiB).
    static let maximumResponseLength = 1024 * 1024
    /// Longest accepted nonce magnitude, in bytes.
    static let maximumNonceLength = 64
    /// Most certificates accepted in a token's certificate set.
    static let maximumCertificateCount = 32

    /// The dotted OID of a digest algorithm.
    static func oid(of algorithm: HashAlgorithm) -> String {
        switch algorithm {
        case .sha256: "2.16.840.1.101.3.4.2.1"
        case .sha384: "2.16.840.1.101.3.4.2.2"
        case .sha512: "2.16.840.1.101.3.4.2.3"
        case .sm3: "1.2.156.10197.1.401"
        }
    }

    /// The digest algorithm with the dotted OID `oid`, or `nil`.
    static func hashAlgorithm(oid: String) -> HashAlgorithm? {
        HashAlgorithm.allCases.first { Self.oid(of: $0) == oid }
    }

    /// The algorithm OID of an imprint's `AlgorithmIdentifier`, refusing parameters other than
    /// absent or NULL (RFC 5754 / RFC 3161 as produced by every known client).
    static func imprintAlgorithmOID(_ imprint: OpaquePointer) throws(TimeStampError) -> String {
        guard let algorithm = TS_MSG_IMPRINT_get_algo(imprint) else {
            throw .malformed("message imprint without algorithm")
        }
        var object: OpaquePointer?
        var parameterType: Int32 = 0
        var parameter: UnsafeRawPointer?
        X509_ALGOR_get0(&object, &parameterType, &parameter, algorithm)
        guard let oid = X509Support.oidText(object) else { throw .malformed("message imprint algorithm") }
        guard parameterType == V_ASN1_UNDEF || parameterType == V_ASN1_NULL else {
            throw .malformed("message imprint algorithm parameters must be absent or NULL")
        }
        return oid
    }

    /// The imprint digest bytes.
    static func imprintDigest(_ imprint: OpaquePointer) -> [UInt8] {
        X509Support.bytes(of: TS_MSG_IMPRINT_get_msg(imprint))
    }

    /// The big-endian magnitude of a non-negative INTEGER without leading zero bytes (at least one
    /// byte); throws for negative values.
    static func magnitude(_ integer: UnsafePointer<ASN1_INTEGER>?, what: String) throws(TimeStampError) -> [UInt8] {
        guard let integer else { throw .malformed("\(what) missing") }
        guard ASN1_STRING_type(integer) == V_ASN1_INTEGER else { throw .malformed("\(what) is negative") }
        return normalised(X509Support.bytes(of: integer))
    }

    /// `bytes` without leading zero bytes (at least one byte).
    static func normalised(_ bytes: [UInt8]) -> [UInt8] {
        let trimmed = Array(bytes.drop { $0 == 0 })
        return trimmed.isEmpty ? [0] : trimmed
    }

    /// A new `ASN1_OBJECT` for `oid`, as a ``TimeStampError``.
    static func object(_ oid: String, what: String) throws(TimeStampError) -> OpaquePointer {
        do {
            return try X509Support.object(forOID: oid)
        } catch {
            throw .invalidRequest("\(what) is not a dotted object identifier")
        }
    }

    /// Runs `body` with a new `STACK_OF(X509)` holding private copies of `certificates`; the
    /// stack and its copies are freed afterwards unless `body` takes ownership by returning `true`.
    static func withCertificateStack<R>(
        _ certificates: [Certificate], _ body: (OpaquePointer) throws(TimeStampError) -> R
    ) throws(TimeStampError) -> R {
        guard let stack = OPENSSL_sk_new_null() else { throw engine("OPENSSL_sk_new_null") }
        defer { OPENSSL_sk_pop_free(stack) { X509_free(OpaquePointer($0)) } }
        try push(certificates, onto: stack)
        return try body(stack)
    }

    /// Pushes private copies of `certificates` onto `stack` (which frees them with `X509_free`).
    static func push(_ certificates: [Certificate], onto stack: OpaquePointer) throws(TimeStampError) {
        for certificate in certificates {
            let copy: OpaquePointer
            do {
                copy = try X509Handle.decode(certificate.derRepresentation)
            } catch {
                throw .wrapping(error)
            }
            guard OPENSSL_sk_push(stack, UnsafeRawPointer(copy)) > 0 else {
                X509_free(copy)
                throw engine("OPENSSL_sk_push")
            }
        }
    }

    static func engine(_ operation: String) -> TimeStampError { .engine(operation) }
}
