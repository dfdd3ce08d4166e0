import COpenSSL
import Foundation

/// An RFC 3161 `TimeStampReq`: the digest (message imprint) of the data to be time-stamped,
/// an optional nonce, whether the authority should include its certificate, and an optional
/// requested policy.
///
/// Imprints may use SHA-256, SHA-384, SHA-512 or SM3; the digest length must match the
/// algorithm. Nonces are non-negative INTEGERs, held as their big-endian magnitude without
/// leading zero bytes (so a nonce survives a DER round trip unchanged). Parsing is strict:
/// version 1, at most ``maximumDERLength`` bytes, no trailing bytes, no extensions,
/// imprint algorithm parameters absent or NULL.
public struct TimeStampRequest: Sendable, Hashable {
    /// Largest accepted request DER (64 KiB).
    public static let maximumDERLength = TimeStampSupport.maximumRequestLength

    /// The digest of the data (the message imprint).
    public let digest: [UInt8]
    /// The algorithm that produced ``digest``.
    public let hashAlgorithm: HashAlgorithm
    /// The nonce magnitude (big-endian, no leading zero bytes), or `nil` when absent.
    public let nonce: [UInt8]?
    /// Whether the authority is asked to include its certificate in the token (`certReq`).
    public let requestCertificate: Bool
    /// The requested policy as a dotted OID, or `nil` for the authority's default.
    public let policyOID: String?
    /// The DER encoding.
    public let derRepresentation: [UInt8]

    /// Creates a request for a digest with a fresh random 8-byte nonce.
    ///
    /// - Parameters:
    ///   - digest: the digest of the data; its length must match `hashAlgorithm`.
    ///   - hashAlgorithm: the digest algorithm.
    ///   - requestCertificate: asks the authority to embed its certificate.
    ///   - policyOID: a requested policy, as a dotted OID.
    /// - Throws: ``TimeStampError/invalidRequest(_:)`` for a wrong digest length or a policy that
    ///   is not an OID; ``TimeStampError/engineFailure(operation:detail:)`` when no random bytes
    ///   are available.
    public init(
        digest: [UInt8], hashAlgorithm: HashAlgorithm, requestCertificate: Bool = true, policyOID: String? = nil
    ) throws(TimeStampError) {
        try self.init(
            digest: digest, hashAlgorithm: hashAlgorithm, nonce: try Self.randomNonce(),
            requestCertificate: requestCertificate, policyOID: policyOID)
    }

    /// Creates a request for a digest with the given nonce (or none).
    ///
    /// - Parameters:
    ///   - digest: the digest of the data; its length must match `hashAlgorithm`.
    ///   - hashAlgorithm: the digest algorithm.
    ///   - nonce: the nonce (1...64 bytes), or `nil` for none (replay protection then rests on
    ///     the generation time alone). Leading zero bytes are dropped (the nonce is an INTEGER).
    ///   - requestCertificate: asks the authority to embed its certificate.
    ///   - policyOID: a requested policy, as a dotted OID.
    /// - Throws: ``TimeStampError/invalidRequest(_:)`` for a wrong digest length, an empty or
    ///   oversized nonce or a policy that is not an OID.
    public init(
        digest: [UInt8], hashAlgorithm: HashAlgorithm, nonce: [UInt8]?, requestCertificate: Bool = true,
        policyOID: String? = nil
    ) throws(TimeStampError) {
        guard digest.count == hashAlgorithm.outputLength else {
            throw .invalidRequest("digest length does not match \(hashAlgorithm.identifier)")
        }
        let resolvedNonce: [UInt8]?
        if let nonce {
            guard !nonce.isEmpty, nonce.count <= TimeStampSupport.maximumNonceLength else {
                throw .invalidRequest("nonce must have 1...\(TimeStampSupport.maximumNonceLength) bytes")
            }
            resolvedNonce = TimeStampSupport.normalised(nonce)
        } else {
            resolvedNonce = nil
        }
        self.digest = digest
        self.hashAlgorithm = hashAlgorithm
        self.nonce = resolvedNonce
        self.requestCertificate = requestCertificate
        self.policyOID = policyOID
        self.derRepresentation = try Self.encode(
            digest: digest, hashAlgorithm: hashAlgorithm, nonce: resolvedNonce,
            requestCertificate: requestCertificate, policyOID: policyOID)
    }

    /// A request for the digest of `data`, with a fresh 8-byte nonce and `certReq` set.
    public static func forData(
        _ data: some DataProtocol, hashAlgorithm: HashAlgorithm = .sha256
    ) throws(TimeStampError) -> TimeStampRequest {
        try TimeStampRequest(digest: hashAlgorithm.hash(data), hashAlgorithm: hashAlgorithm)
    }

    /// Parses a DER `TimeStampReq`.
    ///
    /// - Throws: ``TimeStampError/inputTooLarge(what:limit:)``, ``TimeStampError/malformed(_:)``
    ///   (including trailing bytes, a version other than 1, extensions, a digest whose length
    ///   does not fit its algorithm) or ``TimeStampError/unsupportedHashAlgorithm(_:)``.
    public init(derRepresentation der: some DataProtocol) throws(TimeStampError) {
        let bytes = der.egovBytes
        guard bytes.count <= Self.maximumDERLength else {
            throw .inputTooLarge(what: "time-stamp request DER", limit: Self.maximumDERLength)
        }
        let request: OpaquePointer
        do {
            request = try OpenSSL.d2i(bytes, what: "TimeStampReq") {
                d2i_TS_REQ(nil, $0, $1)
            } release: {
                TS_REQ_free($0)
            }
        } catch {
            throw .malformed(error.reason)
        }
        defer { TS_REQ_free(request) }
        guard TS_REQ_get_version(request) == 1 else { throw .malformed("TimeStampReq version must be 1") }
        guard TS_REQ_get_ext_count(request) == 0 else {
            throw .malformed("TimeStampReq extensions are not supported")
        }
        guard let imprint = TS_REQ_get_msg_imprint(request) else { throw .malformed("missing message imprint") }
        let oid = try TimeStampSupport.imprintAlgorithmOID(imprint)
        guard let algorithm = TimeStampSupport.hashAlgorithm(oid: oid) else {
            throw .unsupportedHashAlgorithm(oid)
        }
        let digest = TimeStampSupport.imprintDigest(imprint)
        guard digest.count == algorithm.outputLength else {
            throw .malformed("digest length does not match \(algorithm.identifier)")
        }
        var nonce: [UInt8]?
        if let value = TS_REQ_get_nonce(request) {
            let magnitude = try TimeStampSupport.magnitude(value, what: "nonce")
            guard magnitude.count <= TimeStampSupport.maximumNonceLength else {
                throw .malformed("nonce longer than \(TimeStampSupport.maximumNonceLength) bytes")
            }
            nonce = magnitude
        }
        var policy: String?
        if let object = TS_REQ_get_policy_id(request) {
            guard let text = X509Support.oidText(object) else { throw .malformed("reqPolicy") }
            policy = text
        }
        self.digest = digest
        self.hashAlgorithm = algorithm
        self.nonce = nonce
        self.requestCertificate = TS_REQ_get_cert_req(request) != 0
        self.policyOID = policy
        self.derRepresentation = bytes
    }

    /// 8 fresh random bytes with a non-zero first byte (so the INTEGER keeps all 8 bytes).
    public static func randomNonce() throws(TimeStampError) -> [UInt8] {
        while true {
            let bytes: [UInt8]
            do {
                bytes = try SecureRandom.bytes(count: 8)
            } catch {
                throw .engineFailure(operation: "SecureRandom.bytes", detail: "no random bytes available")
            }
            if bytes[0] != 0 { return bytes }
        }
    }

    private static func encode(
        digest: [UInt8], hashAlgorithm: HashAlgorithm, nonce: [UInt8]?, requestCertificate: Bool,
        policyOID: String?
    ) throws(TimeStampError) -> [UInt8] {
        guard let request = TS_REQ_new() else { throw .engine("TS_REQ_new") }
        defer { TS_REQ_free(request) }
        guard TS_REQ_set_version(request, 1) == 1 else { throw .engine("TS_REQ_set_version") }

        guard let imprint = TS_MSG_IMPRINT_new() else { throw .engine("TS_MSG_IMPRINT_new") }
        defer { TS_MSG_IMPRINT_free(imprint) }
        guard let algorithm = X509_ALGOR_new() else { throw .engine("X509_ALGOR_new") }
        defer { X509_ALGOR_free(algorithm) }
        let object = try TimeStampSupport.object(TimeStampSupport.oid(of: hashAlgorithm), what: "hash algorithm")
        // X509_ALGOR_set0 takes ownership of the object on success.
        guard X509_ALGOR_set0(algorithm, object, V_ASN1_NULL, nil) == 1 else {
            ASN1_OBJECT_free(object)
            throw .engine("X509_ALGOR_set0")
        }
        guard TS_MSG_IMPRINT_set_algo(imprint, algorithm) == 1 else { throw .engine("TS_MSG_IMPRINT_set_algo") }
        var digestCopy = digest
        let setMessage = digestCopy.withUnsafeMutableBufferPointer {
            TS_MSG_IMPRINT_set_msg(imprint, $0.baseAddress, Int32($0.count))
        }
        guard setMessage == 1 else { throw .engine("TS_MSG_IMPRINT_set_msg") }
        guard TS_REQ_set_msg_imprint(request, imprint) == 1 else { throw .engine("TS_REQ_set_msg_imprint") }

        if let policyOID {
            let policy = try TimeStampSupport.object(policyOID, what: "policy")
            defer { ASN1_OBJECT_free(policy) }
            guard TS_REQ_set_policy_id(request, policy) == 1 else { throw .engine("TS_REQ_set_policy_id") }
        }
        if let nonce {
            let integer: UnsafeMutablePointer<ASN1_INTEGER>
            do {
                integer = try X509Support.integer(magnitude: nonce)
            } catch {
                throw .wrapping(error)
            }
            defer { ASN1_INTEGER_free(integer) }
            guard TS_REQ_set_nonce(request, integer) == 1 else { throw .engine("TS_REQ_set_nonce") }
        }
        guard TS_REQ_set_cert_req(request, requestCertificate ? 1 : 0) == 1 else {
            throw .engine("TS_REQ_set_cert_req")
        }
        do {
            return try OpenSSL.i2d("i2d_TS_REQ") { i2d_TS_REQ(request, $0) }
        } catch {
            throw .wrapping(error)
        }
    }
}
