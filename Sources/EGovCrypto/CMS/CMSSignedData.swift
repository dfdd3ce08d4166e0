import COpenSSL
import Foundation

/// A CMS SignedData (RFC 5652 section 5) in a ContentInfo, parsed from DER or PEM.
///
/// Parsing uses OpenSSL's CMS decoder and is strict: the input must be exactly one ContentInfo
/// (no trailing bytes) of type id-signedData with at least one SignerInfo. Nothing is repaired.
/// The rest of the structure may be BER, but each SignerInfo's SignedAttributes must be DER as
/// received (minimal lengths, SET OF sorted per X.690 section 11.6), as RFC 5652 requires.
/// The original bytes are kept in ``derRepresentation``.
///
/// Limits: at most ``maximumDERLength`` bytes, ``maximumSigners`` SignerInfos,
/// ``maximumCertificates`` embedded certificates and ``maximumRevocationLists`` embedded CRLs.
///
/// Verification of each signer is cryptographic only (``CMSSignerInfo/verifySignature(content:sm2ID:)``);
/// chain building, revocation and time checks belong to another layer.
public struct CMSSignedData: Sendable {
    /// Largest accepted CMS DER (64 MiB).
    public static let maximumDERLength = 64 * 1024 * 1024
    /// Most SignerInfos accepted.
    public static let maximumSigners = 64
    /// Most embedded certificates accepted.
    public static let maximumCertificates = 256
    /// Most embedded revocation lists (SignedData `crls`) accepted.
    public static let maximumRevocationLists = 64

    /// The DER (or, when the input used BER, the BER) bytes as received.
    public let derRepresentation: [UInt8]
    /// The encapsulated content type (eContentType) as a dotted OID.
    public let contentTypeOID: String
    /// The encapsulated content, `nil` when detached.
    public let encapsulatedContent: [UInt8]?
    /// The embedded X.509 certificates, in encoding order.
    public let certificates: [Certificate]
    /// The embedded certificate revocation lists (SignedData `crls`, as CAdES B-LT embeds them), in
    /// encoding order; each parsed as strictly as ``CertificateRevocationList/init(derRepresentation:)``.
    /// They are evidence, not trusted: a validator decides whether to use them.
    public let revocationLists: [CertificateRevocationList]
    /// The SignerInfos, in encoding order.
    public let signers: [CMSSignerInfo]

    /// Whether the content is detached (not encapsulated).
    public var isDetached: Bool { encapsulatedContent == nil }

    /// Parses a DER-encoded ContentInfo holding SignedData.
    ///
    /// - Throws: ``CMSError/inputTooLarge(what:limit:)``, ``CMSError/malformedDER(_:)`` (also for
    ///   trailing bytes), ``CMSError/notSignedData(contentTypeOID:)``, ``CMSError/noSigners``,
    ///   ``CMSError/malformedAttribute(_:)``, ``CMSError/invalidCertificate(_:)``.
    public init(derRepresentation der: some DataProtocol) throws(CMSError) {
        let bytes = der.egovBytes
        guard bytes.count <= Self.maximumDERLength else {
            throw .inputTooLarge(what: "CMS DER", limit: Self.maximumDERLength)
        }
        guard !bytes.isEmpty else { throw .malformedDER("empty input") }
        let cms = try Self.decode(bytes)
        defer { CMS_ContentInfo_free(cms) }
        derRepresentation = bytes

        let type = X509Support.oidText(CMS_get0_type(cms)) ?? "unknown"
        guard type == CMSAlgorithms.signedData else { throw .notSignedData(contentTypeOID: type) }
        guard let eContentType = X509Support.oidText(CMS_get0_eContentType(cms)) else {
            OpenSSL.clearErrors()
            throw .malformedDER("encapsulated content type")
        }
        contentTypeOID = eContentType
        if let slot = CMS_get0_content(cms), let octets = slot.pointee {
            encapsulatedContent = X509Support.bytes(of: octets)
        } else {
            encapsulatedContent = nil
        }
        OpenSSL.clearErrors()

        // Certificates (CMS_get1_certs returns new references, or NULL when there are none).
        var pairs: [(OpaquePointer, Certificate)] = []
        let stack = CMS_get1_certs(cms)
        OpenSSL.clearErrors()
        defer { if let stack { OPENSSL_sk_pop_free(stack) { X509_free(OpaquePointer($0)) } } }
        if let stack {
            let count = Int(OPENSSL_sk_num(stack))
            guard count <= Self.maximumCertificates else {
                throw .inputTooLarge(what: "embedded certificates", limit: Self.maximumCertificates)
            }
            for index in 0..<count {
                guard let raw = OPENSSL_sk_value(stack, Int32(index)) else { continue }
                let x509 = OpaquePointer(raw)
                do {
                    let certificateDER = try OpenSSL.i2d("i2d_X509") { i2d_X509(x509, $0) }
                    pairs.append((x509, try Certificate(derRepresentation: certificateDER)))
                } catch {
                    OpenSSL.clearErrors()
                    throw .invalidCertificate(error.reason)
                }
            }
        }
        certificates = pairs.map(\.1)
        revocationLists = try Self.embeddedRevocationLists(cms)

        // SignerInfos.
        guard let infos = CMS_get0_SignerInfos(cms) else {
            OpenSSL.clearErrors()
            throw .noSigners
        }
        let signerCount = Int(OPENSSL_sk_num(infos))
        guard signerCount > 0 else { throw .noSigners }
        guard signerCount <= Self.maximumSigners else {
            throw .inputTooLarge(what: "SignerInfos", limit: Self.maximumSigners)
        }
        // SignedAttributes must be DER as received (RFC 5652 section 5.3), even in BER input: the
        // signature is verified over their DER encoding.
        let received = try CMSDER.signedAttributesEncodings(bytes)
        guard received.count == signerCount else { throw .malformedDER("SignerInfos") }
        var signers: [CMSSignerInfo] = []
        for index in 0..<signerCount {
            guard let raw = OPENSSL_sk_value(infos, Int32(index)) else { throw .malformedDER("SignerInfo") }
            let signer = try CMSSignerInfo(
                OpaquePointer(raw), certificates: pairs, eContentType: eContentType,
                encapsulatedContent: encapsulatedContent)
            guard received[index].map({ [0x31] + $0.dropFirst() }) == signer.signedAttributesDER else {
                throw .malformedDER("SignedAttributes of signer \(index + 1) are not DER")
            }
            signers.append(signer)
        }
        self.signers = signers
        OpenSSL.clearErrors()
    }

    /// Parses a PEM block labelled `CMS` or `PKCS7` (exactly one block).
    public init(pemRepresentation pem: String) throws(CMSError) {
        let document: PEMDocument
        do {
            document = try PEMDocument(parsing: pem, limit: Self.maximumDERLength / 3 * 4 + 4 * 1024 * 1024)
        } catch { throw .from(error) }
        guard document.label == "CMS" || document.label == "PKCS7" else {
            throw .unexpectedPEMLabel(found: document.label)
        }
        try self.init(derRepresentation: document.der)
    }

    /// The PEM `CMS` encoding.
    public var pemRepresentation: String {
        PEMDocument(label: "CMS", der: derRepresentation).pemString
    }

    /// Decodes a ContentInfo with OpenSSL; every byte must be consumed. The caller frees it.
    static func decode(_ bytes: [UInt8]) throws(CMSError) -> OpaquePointer {
        do {
            return try OpenSSL.d2i(bytes, what: "CMS ContentInfo") {
                d2i_CMS_ContentInfo(nil, $0, $1)
            } release: {
                CMS_ContentInfo_free($0)
            }
        } catch { throw .from(error) }
    }

    /// The DER OpenSSL writes for a decoded ContentInfo.
    static func encode(_ cms: OpaquePointer) throws(CMSError) -> [UInt8] {
        do {
            return try OpenSSL.i2d("i2d_CMS_ContentInfo") { i2d_CMS_ContentInfo(cms, $0) }
        } catch { throw .from(error) }
    }

    /// The SignedData's `crls` (CMS_get1_crls returns new references, or NULL when there are none).
    private static func embeddedRevocationLists(_ cms: OpaquePointer) throws(CMSError) -> [CertificateRevocationList] {
        let stack = CMS_get1_crls(cms)
        OpenSSL.clearErrors()
        guard let stack else { return [] }
        defer { OPENSSL_sk_pop_free(stack) { X509_CRL_free(OpaquePointer($0)) } }
        let count = Int(OPENSSL_sk_num(stack))
        guard count <= maximumRevocationLists else {
            throw .inputTooLarge(what: "embedded revocation lists", limit: maximumRevocationLists)
        }
        var lists: [CertificateRevocationList] = []
        for index in 0..<count {
            guard let raw = OPENSSL_sk_value(stack, Int32(index)) else { continue }
            do {
                let der = try OpenSSL.i2d("i2d_X509_CRL") { i2d_X509_CRL(OpaquePointer(raw), $0) }
                lists.append(try CertificateRevocationList(derRepresentation: der))
            } catch {
                OpenSSL.clearErrors()
                throw .invalidRevocationList(error.reason)
            }
        }
        return lists
    }
}
