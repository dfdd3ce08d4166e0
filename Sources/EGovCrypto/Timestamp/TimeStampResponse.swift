import COpenSSL
import Foundation

/// An RFC 3161 `TimeStampResp`: a status and, when granted, a ``TimeStampToken``.
///
/// Parsing is strict: at most ``maximumDERLength`` bytes, no trailing bytes, a known status
/// value, and a token present exactly when the status is granted or grantedWithModifications
/// (RFC 3161 section 2.4.2). The free-text ``statusText`` is exposed as sent; it is never put
/// into error messages.
public struct TimeStampResponse: Sendable, Hashable {
    /// Largest accepted response DER (1 MiB).
    public static let maximumDERLength = TimeStampSupport.maximumResponseLength

    /// `PKIStatus` values (RFC 3161 section 2.4.2).
    public enum Status: String, Sendable, Hashable, CaseIterable {
        /// 0: the token is present as requested.
        case granted
        /// 1: the token is present with modifications.
        case grantedWithModifications
        /// 2: the request was rejected.
        case rejection
        /// 3: the request has not yet been processed.
        case waiting
        /// 4: a revocation is imminent.
        case revocationWarning
        /// 5: a revocation has occurred.
        case revocationNotification

        /// Whether a token accompanies this status.
        public var isGranted: Bool { self == .granted || self == .grantedWithModifications }

        init?(value: Int) {
            switch value {
            case 0: self = .granted
            case 1: self = .grantedWithModifications
            case 2: self = .rejection
            case 3: self = .waiting
            case 4: self = .revocationWarning
            case 5: self = .revocationNotification
            default: return nil
            }
        }
    }

    /// `PKIFailureInfo` bit names, by bit number (RFC 3161 section 2.4.2).
    static let failureNames: [(bit: Int32, name: String)] = [
        (0, "badAlg"), (2, "badRequest"), (5, "badDataFormat"), (14, "timeNotAvailable"),
        (15, "unacceptedPolicy"), (16, "unacceptedExtension"), (17, "addInfoNotAvailable"),
        (25, "systemFailure"),
    ]

    /// The DER encoding.
    public let derRepresentation: [UInt8]
    /// The status.
    public let status: Status
    /// The names of the failure bits set (`badAlg`, `badRequest`, `badDataFormat`,
    /// `timeNotAvailable`, `unacceptedPolicy`, `unacceptedExtension`, `addInfoNotAvailable`,
    /// `systemFailure`; other bits as `bitN`), in bit order.
    public let failureInfo: [String]
    /// The `statusString` texts, as sent by the authority (untrusted free text).
    public let statusText: [String]
    /// The token, present exactly when ``status`` is granted or grantedWithModifications.
    public let token: TimeStampToken?

    /// Parses a DER `TimeStampResp`.
    ///
    /// - Throws: ``TimeStampError/inputTooLarge(what:limit:)`` or ``TimeStampError/malformed(_:)``.
    public init(derRepresentation der: some DataProtocol) throws(TimeStampError) {
        let bytes = der.egovBytes
        guard bytes.count <= Self.maximumDERLength else {
            throw .inputTooLarge(what: "time-stamp response DER", limit: Self.maximumDERLength)
        }
        let response: OpaquePointer
        do {
            response = try OpenSSL.d2i(bytes, what: "TimeStampResp") {
                d2i_TS_RESP(nil, $0, $1)
            } release: {
                TS_RESP_free($0)
            }
        } catch {
            throw .malformed(error.reason)
        }
        defer { TS_RESP_free(response) }
        guard let info = TS_RESP_get_status_info(response) else { throw .malformed("missing status") }
        guard let statusValue = TS_STATUS_INFO_get0_status(info) else { throw .malformed("missing status") }
        let number = ASN1_INTEGER_get(statusValue)
        OpenSSL.clearErrors()
        guard let status = Status(value: number) else { throw .malformed("unknown PKIStatus value") }

        var texts: [String] = []
        if let stack = TS_STATUS_INFO_get0_text(info) {
            for index in 0..<OPENSSL_sk_num(stack) {
                let string = OPENSSL_sk_value(stack, index)?.assumingMemoryBound(to: ASN1_STRING.self)
                guard let text = X509Support.utf8Text(of: string) else { throw .malformed("statusString") }
                texts.append(text)
            }
        }
        var failures: [String] = []
        if let bits = TS_STATUS_INFO_get0_failure_info(info) {
            let byteCount = Int(ASN1_STRING_length(bits))
            guard byteCount <= 8 else { throw .malformed("failInfo longer than 64 bits") }
            for bit in 0..<Int32(byteCount * 8) where ASN1_BIT_STRING_get_bit(bits, bit) == 1 {
                failures.append(Self.failureNames.first { $0.bit == bit }?.name ?? "bit\(bit)")
            }
        }

        let token: TimeStampToken?
        if let p7 = TS_RESP_get_token(response) {
            guard status.isGranted else { throw .malformed("a token accompanies a \(status.rawValue) status") }
            let tokenDER: [UInt8]
            do {
                tokenDER = try OpenSSL.i2d("i2d_PKCS7") { i2d_PKCS7(p7, $0) }
            } catch {
                throw .wrapping(error)
            }
            token = try TimeStampToken(derRepresentation: tokenDER)
        } else {
            guard !status.isGranted else { throw .malformed("a \(status.rawValue) status without a token") }
            token = nil
        }
        self.derRepresentation = bytes
        self.status = status
        self.failureInfo = failures
        self.statusText = texts
        self.token = token
    }
}
