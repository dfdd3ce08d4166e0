import COpenSSL
import EGovCore
import Foundation

/// An RFC 3161 time-stamping authority (TSA) built on OpenSSL's `TS_RESP_CTX`.
///
/// Each ``respond(to:)`` call answers one DER `TimeStampReq` with a DER `TimeStampResp`:
/// - the token is signed with SHA-256 by ``certificate``'s key and carries an ESS
///   signing-certificate-v2 attribute (certificate hash SHA-256);
/// - `genTime` comes from the injected clock (whole seconds), so responses are deterministic in
///   tests; serial numbers are 128 random bits; accuracy is ``accuracySeconds`` (none when 0);
/// - imprints may use SHA-256, SHA-384, SHA-512 or SM3; the policy is always ``policyOID``.
///
/// Bad requests are answered, not thrown, as RFC 3161 requires: a rejection status with
/// `badDataFormat` (undecodable request, version other than 1, trailing bytes, more than
/// ``TimeStampRequest/maximumDERLength`` bytes, a digest whose length does not fit its
/// algorithm), `badAlg` (unsupported imprint algorithm, or algorithm parameters other than
/// absent/NULL), `unacceptedPolicy` (a requested policy other than ``policyOID``) or
/// `unacceptedExtension` (any extension). Only local faults (OpenSSL could not build a response
/// at all) throw.
///
/// Keys: P-256, P-384 and RSA. SM2 and Ed25519 keys are refused by ``init(key:certificate:chain:policyOID:clock:accuracySeconds:)``:
/// OpenSSL 3.0's PKCS #7 layer, which `TS_RESP_CTX` signs with, has no SignerInfo support for
/// them (`PKCS7_SIGNER_INFO_set`: "signing not supported for this key type", with SM3 or
/// SHA-256 as signer digest; checked with OpenSSL 3.0.19) and would only ever answer with a
/// rejection ("Error during signature generation.", no failure bit). This is not the SM2
/// distinguishing-ID problem: signing fails before any ID would be used.
public struct TimeStampAuthority: Sendable {
    /// The TSA certificate (time-stamping purpose, matching the key).
    public let certificate: Certificate
    /// Extra certificates embedded in tokens when the request sets `certReq` (intermediates).
    public let chain: [Certificate]
    /// The policy of every token, as a dotted OID.
    public let policyOID: String
    /// The stated accuracy of `genTime`, in seconds (0: no accuracy field).
    public let accuracySeconds: Int
    let key: PrivateKey
    let clock: any WallClock

    /// Creates an authority.
    ///
    /// - Parameters:
    ///   - key: the signing key (P-256, P-384 or RSA).
    ///   - certificate: the TSA certificate for `key`; it must fit
    ///     ``CertificatePurpose/timestamping`` (EKU timeStamping only, critical).
    ///   - chain: intermediates to embed alongside the TSA certificate.
    ///   - policyOID: the TSA policy, a dotted OID.
    ///   - clock: the source of `genTime`.
    ///   - accuracySeconds: the stated accuracy, 0...3600 seconds.
    /// - Throws: ``TimeStampError/unsupportedKey(_:)`` (SM2, Ed25519),
    ///   ``TimeStampError/invalidCertificate(_:)``, ``TimeStampError/invalidRequest(_:)`` (policy).
    public init(
        key: PrivateKey, certificate: Certificate, chain: [Certificate] = [], policyOID: String,
        clock: any WallClock, accuracySeconds: Int = 1
    ) throws(TimeStampError) {
        switch key.keyType {
        case .p256, .p384, .rsa: break
        case .sm2:
            throw .unsupportedKey(
                "SM2: OpenSSL 3.0 cannot create PKCS #7 SignerInfos with SM2 keys, so it cannot sign time-stamp tokens")
        case .ed25519:
            throw .unsupportedKey(
                "Ed25519: OpenSSL 3.0 cannot create PKCS #7 SignerInfos with Ed25519 keys")
        }
        guard certificate.publicKey == key.publicKey else {
            throw .invalidCertificate("the certificate does not belong to the key")
        }
        if let violation = CertificatePurpose.timestamping.violation(in: certificate) {
            throw .invalidCertificate(violation)
        }
        guard chain.count <= TimeStampSupport.maximumCertificateCount else {
            throw .invalidCertificate("more than \(TimeStampSupport.maximumCertificateCount) chain certificates")
        }
        guard (0...3600).contains(accuracySeconds) else {
            throw .invalidRequest("accuracy must lie in 0...3600 seconds")
        }
        let policy = try TimeStampSupport.object(policyOID, what: "policy")
        ASN1_OBJECT_free(policy)
        self.key = key
        self.certificate = certificate
        self.chain = chain
        self.policyOID = policyOID
        self.clock = clock
        self.accuracySeconds = accuracySeconds
    }

    /// Answers a DER `TimeStampReq` with a DER `TimeStampResp` (granted or a rejection).
    ///
    /// - Throws: ``TimeStampError/engineFailure(operation:detail:)`` only when OpenSSL cannot
    ///   produce any response.
    public func respond(to requestDER: [UInt8]) throws(TimeStampError) -> [UInt8] {
        // OpenSSL reads one request from a BIO and ignores what follows; refuse trailing bytes
        // and oversized input here by handing it an empty request (→ badDataFormat).
        let acceptable = requestDER.count <= TimeStampRequest.maximumDERLength && Self.isSingleRequest(requestDER)
        guard let context = TS_RESP_CTX_new() else { throw .engine("TS_RESP_CTX_new") }
        defer { TS_RESP_CTX_free(context) }
        try configure(context)

        let box = ClockBox(clock)
        let unmanaged = Unmanaged.passRetained(box)
        defer { unmanaged.release() }
        TS_RESP_CTX_set_time_cb(context, Self.timeCallback, unmanaged.toOpaque())
        TS_RESP_CTX_set_serial_cb(context, Self.serialCallback, nil)

        let response: OpaquePointer?
        if acceptable {
            response = try? OpenSSL.withMemoryBIO(requestDER) { bio in TS_RESP_create_response(context, bio) }
        } else {
            guard let empty = BIO_new(BIO_s_mem()) else { throw .engine("BIO_new") }
            defer { BIO_free(empty) }
            response = TS_RESP_create_response(context, empty)
        }
        guard let response else { throw .engine("TS_RESP_create_response") }
        defer { TS_RESP_free(response) }
        OpenSSL.clearErrors()  // a rejection leaves the reason on the queue
        do {
            return try OpenSSL.i2d("i2d_TS_RESP") { i2d_TS_RESP(response, $0) }
        } catch {
            throw .wrapping(error)
        }
    }

    /// Whether `bytes` decode as exactly one `TimeStampReq` with nothing after it.
    static func isSingleRequest(_ bytes: [UInt8]) -> Bool {
        guard !bytes.isEmpty,
            let request = try? OpenSSL.d2i(
                bytes, what: "TimeStampReq", { d2i_TS_REQ(nil, $0, $1) },
                release: {
                    TS_REQ_free($0)
                })
        else { return false }
        TS_REQ_free(request)
        return true
    }

    private func configure(_ context: OpaquePointer) throws(TimeStampError) {
        let signer: OpaquePointer
        do {
            signer = try X509Handle.decode(certificate.derRepresentation)
        } catch {
            throw .wrapping(error)
        }
        defer { X509_free(signer) }  // the context keeps its own reference
        guard TS_RESP_CTX_set_signer_cert(context, signer) == 1 else { throw .engine("TS_RESP_CTX_set_signer_cert") }
        guard TS_RESP_CTX_set_signer_key(context, key.key.pointer) == 1 else {
            throw .engine("TS_RESP_CTX_set_signer_key")
        }
        if !chain.isEmpty {
            try TimeStampSupport.withCertificateStack(chain) { stack throws(TimeStampError) in
                // TS_RESP_CTX_set_certs takes its own references.
                guard TS_RESP_CTX_set_certs(context, stack) == 1 else { throw .engine("TS_RESP_CTX_set_certs") }
            }
        }
        let policy = try TimeStampSupport.object(policyOID, what: "policy")
        defer { ASN1_OBJECT_free(policy) }
        guard TS_RESP_CTX_set_def_policy(context, policy) == 1 else { throw .engine("TS_RESP_CTX_set_def_policy") }
        for algorithm in HashAlgorithm.allCases {
            guard let md = algorithm.md, TS_RESP_CTX_add_md(context, md) == 1 else {
                throw .engine("TS_RESP_CTX_add_md(\(algorithm.identifier))")
            }
        }
        guard let sha256 = HashAlgorithm.sha256.md,
            TS_RESP_CTX_set_signer_digest(context, sha256) == 1,
            TS_RESP_CTX_set_ess_cert_id_digest(context, sha256) == 1  // not SHA-1: ESS signing-certificate-v2
        else { throw .engine("TS_RESP_CTX_set_signer_digest") }
        if accuracySeconds > 0 {
            guard TS_RESP_CTX_set_accuracy(context, Int32(accuracySeconds), 0, 0) == 1 else {
                throw .engine("TS_RESP_CTX_set_accuracy")
            }
        }
    }

    /// Holds the clock for the C time callback.
    private final class ClockBox {
        let clock: any WallClock
        init(_ clock: any WallClock) { self.clock = clock }
    }

    /// `TS_time_cb`: the injected clock's time; 0 (→ timeNotAvailable) when it is unusable.
    private static let timeCallback:
        @convention(c) (
            OpaquePointer?, UnsafeMutableRawPointer?, UnsafeMutablePointer<Int>?, UnsafeMutablePointer<Int>?
        ) -> Int32 = { _, data, seconds, microseconds in
            guard let data, let seconds, let microseconds else { return 0 }
            let clock = Unmanaged<ClockBox>.fromOpaque(data).takeUnretainedValue().clock
            let interval = clock.now().timeIntervalSince1970
            guard interval.isFinite, interval >= 0, interval < 253_402_300_800 else { return 0 }
            let whole = interval.rounded(.down)
            seconds.pointee = Int(whole)
            microseconds.pointee = min(Int(((interval - whole) * 1_000_000).rounded(.down)), 999_999)
            return 1
        }

    /// `TS_serial_cb`: a random positive 128-bit serial; `nil` (→ systemFailure) on failure.
    private static let serialCallback:
        @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> UnsafeMutablePointer<ASN1_INTEGER>? = { _, _ in
            guard var bytes = try? SecureRandom.bytes(count: 16) else { return nil }
            bytes[0] = (bytes[0] & 0x7F) | 0x40  // positive, always 16 bytes
            return try? X509Support.integer(magnitude: bytes)
        }
}
