import COpenSSL
import Foundation

/// An RFC 3161 `TimeStampToken`: a CMS `ContentInfo` of type SignedData whose encapsulated
/// content is a `TSTInfo`, signed by a time-stamping authority (TSA).
///
/// Parsing is strict: at most ``maximumDERLength`` bytes, no trailing bytes, exactly one
/// SignerInfo, eContentType id-ct-TSTInfo, a DER `TSTInfo` of version 1 without critical
/// extensions, accuracy components in range, and every embedded certificate parseable by
/// ``Certificate``. The value holds no OpenSSL object: ``verify(digest:hashAlgorithm:expectedNonce:trustAnchors:intermediates:crls:at:validator:)``
/// decodes a private copy, so tokens can be shared freely between tasks.
public struct TimeStampToken: Sendable, Hashable {
    /// Largest accepted token DER (1 MiB).
    public static let maximumDERLength = TimeStampSupport.maximumResponseLength

    /// The DER encoding of the `ContentInfo`.
    public let derRepresentation: [UInt8]
    /// The `genTime`, including fractional seconds when the TSA supplies them.
    public let generationTime: Date
    /// The imprint's hash algorithm, or `nil` when it is not one EGovKit supports.
    public let hashAlgorithm: HashAlgorithm?
    /// The imprint's hash algorithm as a dotted OID.
    public let hashAlgorithmOID: String
    /// The message imprint (the digest that was time-stamped).
    public let messageImprint: [UInt8]
    /// The nonce magnitude (big-endian, no leading zero bytes), or `nil` when absent.
    public let nonce: [UInt8]?
    /// The TSA's serial number for this token, lowercase hex without leading zero bytes.
    public let serialNumber: String
    /// The TSA policy under which the token was issued, as a dotted OID.
    public let policyOID: String
    /// The accuracy of ``generationTime`` in seconds, or `nil` when not stated.
    public let accuracy: TimeInterval?
    /// The signer's certificate, when the token embeds it.
    public let tsaCertificate: Certificate?
    /// All certificates embedded in the token, in order.
    public let certificates: [Certificate]

    /// Parses a DER `TimeStampToken`.
    ///
    /// - Throws: ``TimeStampError/inputTooLarge(what:limit:)`` or ``TimeStampError/malformed(_:)``.
    public init(derRepresentation der: some DataProtocol) throws(TimeStampError) {
        let bytes = der.egovBytes
        guard bytes.count <= Self.maximumDERLength else {
            throw .inputTooLarge(what: "time-stamp token DER", limit: Self.maximumDERLength)
        }
        let p7 = try Self.decode(bytes)
        defer { PKCS7_free(p7) }
        let eContent = try Self.encapsulatedContent(p7)

        let info: OpaquePointer
        do {
            info = try OpenSSL.d2i(eContent, what: "TSTInfo") {
                d2i_TS_TST_INFO(nil, $0, $1)
            } release: {
                TS_TST_INFO_free($0)
            }
        } catch {
            throw .malformed(error.reason)
        }
        defer { TS_TST_INFO_free(info) }
        // DER only: the re-encoding must reproduce the signed bytes exactly.
        let reencoded = try? OpenSSL.i2d("i2d_TS_TST_INFO") { i2d_TS_TST_INFO(info, $0) }
        guard reencoded == eContent else { throw .malformed("TSTInfo is not DER encoded") }
        guard TS_TST_INFO_get_version(info) == 1 else { throw .malformed("TSTInfo version must be 1") }
        guard TS_TST_INFO_get_ext_by_critical(info, 1, -1) < 0 else {
            throw .malformed("TSTInfo has a critical extension")
        }

        guard let policy = X509Support.oidText(TS_TST_INFO_get_policy_id(info)) else {
            throw .malformed("TSTInfo policy")
        }
        guard let imprint = TS_TST_INFO_get_msg_imprint(info) else { throw .malformed("message imprint") }
        let oid = try TimeStampSupport.imprintAlgorithmOID(imprint)
        let algorithm = TimeStampSupport.hashAlgorithm(oid: oid)
        let digest = TimeStampSupport.imprintDigest(imprint)
        if let algorithm, digest.count != algorithm.outputLength {
            throw .malformed("imprint length does not match \(algorithm.identifier)")
        }
        guard let serial = X509Support.integerHex(TS_TST_INFO_get_serial(info)), !serial.hasPrefix("-") else {
            throw .malformed("serial number")
        }
        var nonce: [UInt8]?
        if let value = TS_TST_INFO_get_nonce(info) {
            nonce = try TimeStampSupport.magnitude(value, what: "nonce")
        }

        self.derRepresentation = bytes
        self.generationTime = try Self.generationTime(TS_TST_INFO_get_time(info))
        self.hashAlgorithm = algorithm
        self.hashAlgorithmOID = oid
        self.messageImprint = digest
        self.nonce = nonce
        self.serialNumber = serial
        self.policyOID = policy
        self.accuracy = try Self.accuracy(TS_TST_INFO_get_accuracy(info))
        self.certificates = try Self.embeddedCertificates(p7)
        self.tsaCertificate = try Self.signer(p7, among: [])
    }

    /// Verifies the token for `digest`.
    ///
    /// Checks, in order (the first failure is reported): the imprint's hash algorithm
    /// (``TimeStampFailure/hashAlgorithmMismatch``), the imprint
    /// (``TimeStampFailure/imprintMismatch``), the nonce when `expectedNonce` is given
    /// (``TimeStampFailure/nonceMismatch``), the signer's certificate, looked up by the
    /// SignerInfo's issuer and serial among `intermediates` and the embedded certificates
    /// (``TimeStampFailure/noTSACertificate``), its purpose (``CertificatePurpose/timestamping``),
    /// the signature and its ESS signing-certificate (v1 or v2) binding by OpenSSL's
    /// `TS_RESP_verify_token` (``TimeStampFailure/signatureInvalid``), and finally the chain to
    /// `trustAnchors` with purpose ``CertificatePurpose/timestamping`` at `validationTime`
    /// (``TimeStampFailure/tsaCertificateRejected(_:)``).
    ///
    /// SM2-signed tokens are reported as ``TimeStampFailure/malformed(_:)``: OpenSSL 3.0's
    /// PKCS #7 layer cannot verify SM2 SignerInfos.
    ///
    /// - Parameters:
    ///   - digest: the digest of the data the token should cover.
    ///   - hashAlgorithm: the algorithm of `digest`.
    ///   - expectedNonce: the request's nonce, or `nil` to skip the nonce check.
    ///   - trustAnchors: trusted roots for the TSA chain.
    ///   - intermediates: extra untrusted certificates (and the TSA certificate when the token
    ///     does not embed it).
    ///   - crls: CRLs consulted for the TSA certificate when supplied.
    ///   - validationTime: when the chain must be valid; `nil` uses the token's own
    ///     ``generationTime``.
    ///   - validator: the chain validator.
    public func verify(
        digest: [UInt8], hashAlgorithm: HashAlgorithm, expectedNonce: [UInt8]? = nil, trustAnchors: [Certificate],
        intermediates: [Certificate] = [], crls: [CertificateRevocationList] = [], at validationTime: Date? = nil,
        validator: CertificateChainValidator = .init()
    ) -> TimeStampVerification {
        guard self.hashAlgorithm == hashAlgorithm else { return .invalid(.hashAlgorithmMismatch) }
        guard ConstantTime.equals(messageImprint, digest) else { return .invalid(.imprintMismatch) }
        if let expectedNonce {
            guard let nonce, nonce == TimeStampSupport.normalised(expectedNonce) else {
                return .invalid(.nonceMismatch)
            }
        }
        guard intermediates.count <= CertificateChainValidator.maximumInputCount else {
            return .invalid(.tsaCertificateRejected(.other(0, "too many certificates supplied")))
        }
        let p7: UnsafeMutablePointer<PKCS7>
        do {
            p7 = try Self.decode(derRepresentation)
        } catch {
            return .invalid(.malformed(error.reason))
        }
        defer { PKCS7_free(p7) }
        let signer: Certificate?
        do {
            signer = try Self.signer(p7, among: intermediates)
        } catch {
            return .invalid(.malformed(error.reason))
        }
        guard let signer else { return .invalid(.noTSACertificate) }
        if let violation = CertificatePurpose.timestamping.violation(in: signer) {
            return .invalid(.tsaCertificateRejected(.purposeMismatch(violation)))
        }
        guard signer.publicKey.keyType != .sm2 else {
            return .invalid(.malformed("SM2-signed time-stamp tokens cannot be verified with OpenSSL 3.0"))
        }
        if let failure = Self.verifySignature(p7, signer: signer) { return .invalid(failure) }
        let result = validator.validate(
            signer, intermediates: intermediates + certificates, trustAnchors: trustAnchors, crls: crls,
            at: validationTime ?? generationTime, purpose: .timestamping)
        if let failure = result.failure { return .invalid(.tsaCertificateRejected(failure)) }
        return .valid(chain: result.chain)
    }

    public static func == (lhs: TimeStampToken, rhs: TimeStampToken) -> Bool {
        lhs.derRepresentation == rhs.derRepresentation
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(derRepresentation) }

    // MARK: - Decoding

    /// Decodes the ContentInfo strictly and checks the SignedData shape.
    static func decode(_ bytes: [UInt8]) throws(TimeStampError) -> UnsafeMutablePointer<PKCS7> {
        let p7: UnsafeMutablePointer<PKCS7>
        do {
            p7 = try OpenSSL.d2i(bytes, what: "TimeStampToken ContentInfo") {
                d2i_PKCS7(nil, $0, $1)
            } release: {
                PKCS7_free($0)
            }
        } catch {
            throw .malformed(error.reason)
        }
        guard OBJ_obj2nid(p7.pointee.type) == NID_pkcs7_signed, let signed = p7.pointee.d.sign else {
            PKCS7_free(p7)
            throw .malformed("ContentInfo is not SignedData")
        }
        guard let signerInfos = signed.pointee.signer_info, OPENSSL_sk_num(signerInfos) == 1 else {
            PKCS7_free(p7)
            throw .malformed("a time-stamp token must have exactly one SignerInfo")
        }
        return p7
    }

    /// The eContent octets, after checking eContentType id-ct-TSTInfo.
    static func encapsulatedContent(_ p7: UnsafeMutablePointer<PKCS7>) throws(TimeStampError) -> [UInt8] {
        guard let signed = p7.pointee.d.sign, let contents = signed.pointee.contents else {
            throw .malformed("SignedData without encapsulated content")
        }
        guard OBJ_obj2nid(contents.pointee.type) == NID_id_smime_ct_TSTInfo else {
            throw .malformed("eContentType is not id-ct-TSTInfo")
        }
        guard let other = contents.pointee.d.other, other.pointee.type == V_ASN1_OCTET_STRING,
            let octets = other.pointee.value.octet_string
        else { throw .malformed("eContent is absent or not an OCTET STRING") }
        let bytes = X509Support.bytes(of: octets)
        guard !bytes.isEmpty else { throw .malformed("empty eContent") }
        return bytes
    }

    /// The embedded certificates.
    static func embeddedCertificates(_ p7: UnsafeMutablePointer<PKCS7>) throws(TimeStampError) -> [Certificate] {
        guard let stack = p7.pointee.d.sign?.pointee.cert else { return [] }
        let count = Int(OPENSSL_sk_num(stack))
        guard count <= TimeStampSupport.maximumCertificateCount else {
            throw .malformed("more than \(TimeStampSupport.maximumCertificateCount) embedded certificates")
        }
        var certificates: [Certificate] = []
        for index in 0..<count {
            certificates.append(try certificate(OpaquePointer(OPENSSL_sk_value(stack, Int32(index)))))
        }
        return certificates
    }

    /// The signer's certificate (matched by the SignerInfo's issuer and serial number), looked
    /// up in `extra` first and then among the embedded certificates; `nil` when absent.
    static func signer(
        _ p7: UnsafeMutablePointer<PKCS7>, among extra: [Certificate]
    ) throws(TimeStampError) -> Certificate? {
        try TimeStampSupport.withCertificateStack(extra) { stack throws(TimeStampError) -> Certificate? in
            guard let signers = PKCS7_get0_signers(p7, stack, 0) else {
                OpenSSL.clearErrors()
                return nil
            }
            defer { OPENSSL_sk_free(signers) }
            guard OPENSSL_sk_num(signers) == 1, let x509 = OPENSSL_sk_value(signers, 0) else { return nil }
            return try certificate(OpaquePointer(x509))
        }
    }

    /// A ``Certificate`` from an OpenSSL `X509` (re-parsed from its DER).
    static func certificate(_ x509: OpaquePointer?) throws(TimeStampError) -> Certificate {
        guard let x509 else { throw .malformed("empty certificate entry") }
        do {
            let der = try OpenSSL.i2d("i2d_X509") { i2d_X509(x509, $0) }
            return try Certificate(derRepresentation: der)
        } catch {
            throw .malformed("embedded certificate: \(error.reason)")
        }
    }

    /// `genTime` as a `Date`, keeping fractional seconds (GeneralizedTime `YYYYMMDDHHMMSS[.f+]Z`).
    static func generationTime(_ time: UnsafePointer<ASN1_GENERALIZEDTIME>?) throws(TimeStampError) -> Date {
        guard let time, ASN1_STRING_type(time) == V_ASN1_GENERALIZEDTIME else {
            throw .malformed("genTime is not a GeneralizedTime")
        }
        let text = X509Support.bytes(of: time)
        guard text.count >= 15, text.last == UInt8(ascii: "Z"),
            text[0..<14].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 })
        else { throw .malformed("genTime must be YYYYMMDDHHMMSS[.fraction]Z") }
        var fraction = 0.0
        if text.count > 15 {
            let digits = text[14..<(text.count - 1)]
            guard digits.first == UInt8(ascii: "."), digits.count >= 2, digits.count <= 10,
                digits.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), digits.last != UInt8(ascii: "0")
            else { throw .malformed("genTime fraction") }
            var scale = 0.1
            for digit in digits.dropFirst() {
                fraction += Double(digit - 0x30) * scale
                scale /= 10
            }
        }
        guard let whole = X509Support.date(time) else { throw .malformed("genTime") }
        return whole.addingTimeInterval(fraction)
    }

    /// The accuracy in seconds; millis and micros must lie in 1...999 when present.
    static func accuracy(_ accuracy: OpaquePointer?) throws(TimeStampError) -> TimeInterval? {
        guard let accuracy else { return nil }
        func component(_ value: UnsafePointer<ASN1_INTEGER>?, _ range: ClosedRange<Int>, _ name: String)
            throws(TimeStampError) -> Int
        {
            guard let value else { return 0 }
            let number = ASN1_INTEGER_get(value)
            guard range.contains(number) else {
                OpenSSL.clearErrors()
                throw .malformed("accuracy \(name) out of range")
            }
            return number
        }
        let seconds = try component(TS_ACCURACY_get_seconds(accuracy), 0...Int(Int32.max), "seconds")
        let millis = try component(TS_ACCURACY_get_millis(accuracy), 1...999, "millis")
        let micros = try component(TS_ACCURACY_get_micros(accuracy), 1...999, "micros")
        return TimeInterval(seconds) + TimeInterval(millis) / 1_000 + TimeInterval(micros) / 1_000_000
    }

    // MARK: - Signature

    /// Checks the SignerInfo signature and the ESS signing-certificate binding with OpenSSL's
    /// `TS_RESP_verify_token` (`TS_VFY_SIGNATURE`), trusting `signer` alone (partial chain,
    /// no time check): the chain itself is validated separately, with typed results.
    static func verifySignature(_ p7: UnsafeMutablePointer<PKCS7>, signer: Certificate) -> TimeStampFailure? {
        OpenSSL.clearErrors()
        guard let context = TS_VERIFY_CTX_new() else {
            return .malformed("OpenSSL could not allocate a verification context")
        }
        defer { TS_VERIFY_CTX_free(context) }  // frees the store and the certificate stack
        guard let store = X509_STORE_new() else { return .malformed("OpenSSL could not allocate a store") }
        TS_VERIFY_CTX_set_store(context, store)
        guard let signerCopy = try? X509Handle.decode(signer.derRepresentation) else {
            return .malformed("TSA certificate")
        }
        let added = X509_STORE_add_cert(store, signerCopy)  // the store takes its own reference
        guard added == 1, let stack = OPENSSL_sk_new_null() else {
            X509_free(signerCopy)
            OpenSSL.clearErrors()
            return .malformed("OpenSSL could not build the verification store")
        }
        TS_VERIFY_CTX_set_certs(context, stack)
        guard OPENSSL_sk_push(stack, UnsafeRawPointer(signerCopy)) > 0 else {
            X509_free(signerCopy)
            return .malformed("OpenSSL could not build the verification store")
        }
        if let parameters = X509_STORE_get0_param(store) {
            X509_VERIFY_PARAM_set_flags(
                parameters, UInt(X509_V_FLAG_PARTIAL_CHAIN) | UInt(X509_V_FLAG_NO_CHECK_TIME))
        }
        TS_VERIFY_CTX_set_flags(context, Int32(TS_VFY_SIGNATURE))
        guard TS_RESP_verify_token(context, p7) == 1 else {
            var certificateRejected = false
            while true {
                let code = ERR_get_error()
                if code == 0 { break }
                if ERR_GET_LIB(code) == ERR_LIB_TS, ERR_GET_REASON(code) == TS_R_CERTIFICATE_VERIFY_ERROR {
                    certificateRejected = true
                }
            }
            if certificateRejected {
                // Our purpose rules passed; OpenSSL's X509_PURPOSE_TIMESTAMP_SIGN is stricter on
                // keyUsage (nothing besides digitalSignature and nonRepudiation).
                return .tsaCertificateRejected(
                    .purposeMismatch("keyUsage must contain only digitalSignature and nonRepudiation"))
            }
            return .signatureInvalid
        }
        OpenSSL.clearErrors()
        return nil
    }
}
