import COpenSSL
import Foundation

/// One SignerInfo of a CMS SignedData (RFC 5652 section 5.3), decoded into values.
///
/// Obtained from ``CMSSignedData/signers``. The well-known signed attributes are decoded:
/// content-type, message-digest, signing-time and ESS signing-certificate-v2 must each occur at
/// most once with exactly one value, otherwise parsing fails with
/// ``CMSError/malformedAttribute(_:)``. Signature timestamp tokens (CAdES-T) are returned as DER.
public struct CMSSignerInfo: Sendable {
    /// The embedded certificate that the signer identifier names, if any.
    public let signerCertificate: Certificate?
    /// The signer identifier when it is issuerAndSerialNumber: the issuer (RFC 4514 string) and
    /// the serial number (lowercase hex).
    public let issuerSerial: (issuer: String, serialNumber: String)?
    /// The signer identifier when it is subjectKeyIdentifier.
    public let subjectKeyIdentifier: [UInt8]?
    /// The digest algorithm as a dotted OID.
    public let digestAlgorithmOID: String
    /// The digest algorithm, when supported (parameters absent or NULL).
    public let digestAlgorithm: HashAlgorithm?
    /// The signature algorithm as a dotted OID (e.g. `1.2.840.10045.4.3.2`, `1.2.156.10197.1.501`).
    public let signatureAlgorithmOID: String
    /// The signature algorithm, when EGovKit supports the combination of signature algorithm,
    /// parameters, digest algorithm and (for the generic key OIDs) the signer's key.
    public let signatureAlgorithm: SignatureAlgorithm?
    /// Whether the SignerInfo carries signed attributes.
    public let hasSignedAttributes: Bool
    /// The content-type signed attribute (dotted OID).
    public let contentTypeAttribute: String?
    /// The message-digest signed attribute.
    public let messageDigest: [UInt8]?
    /// The signing-time signed attribute.
    public let signingTime: Date?
    /// The first ESSCertIDv2 of the signing-certificate-v2 signed attribute (RFC 5035).
    public let signingCertificateV2: ESSCertIDv2?
    /// The signature value.
    public let signatureValue: [UInt8]
    /// The DER of every value of the id-aa-signatureTimeStampToken unsigned attribute
    /// (1.2.840.113549.1.9.16.2.14): each a TimeStampToken ContentInfo over ``signatureValue``.
    public let signatureTimestampTokens: [[UInt8]]
    /// Dotted OIDs of all unsigned attributes, in order.
    public let unsignedAttributeOIDs: [String]

    /// The DER SET OF the signed attributes: the bytes the signature covers.
    let signedAttributesDER: [UInt8]?
    /// The encapsulated content type of the SignedData.
    let eContentType: String
    /// The encapsulated content, `nil` when detached.
    let encapsulatedContent: [UInt8]?

    /// Checks this signer's signature over the content.
    ///
    /// Checks run in this order, and the first failure is returned:
    /// 1. the digest algorithm is supported → ``CMSSignerVerification/unsupportedAlgorithm(_:)``;
    /// 2. a signer certificate was found → ``CMSSignerVerification/noSignerCertificate``;
    ///    then the signature algorithm is supported with the digest and the certificate's key →
    ///    ``CMSSignerVerification/unsupportedAlgorithm(_:)``;
    /// 3. content is available (embedded, or `content` for detached data) →
    ///    ``CMSSignerVerification/contentMissing``; `content` that differs from embedded content
    ///    gives ``CMSSignerVerification/hashMismatch``;
    /// 4. with signed attributes, content-type and message-digest are present and content-type
    ///    equals the encapsulated content type; without them, the content type is id-data →
    ///    ``CMSSignerVerification/missingSignedAttribute(_:)``;
    /// 5. the message-digest attribute equals the digest of the content →
    ///    ``CMSSignerVerification/hashMismatch``;
    /// 6. the signature over the DER of the signed attributes (or over the content when there are
    ///    none) verifies with the certificate's key → ``CMSSignerVerification/signatureInvalid``.
    ///
    /// Because the attribute checks come before the signature check, removing the content-type or
    /// message-digest attribute yields `.missingSignedAttribute`, while removing any other signed
    /// attribute (signing-time, signing-certificate-v2) yields `.signatureInvalid` (the signature
    /// covers the whole attribute set). A certificate whose key cannot have made the signature
    /// (another key, or another key type) gives `.signatureInvalid`.
    ///
    /// Not checked here (the validation layer's job): the certificate chain, validity, key usage,
    /// revocation, the signing time, and whether ``signingCertificateV2`` names the signer
    /// certificate (use ``ESSCertIDv2/matches(_:)``).
    ///
    /// - Parameters:
    ///   - content: the detached content; for attached data pass `nil` (or the same bytes).
    ///   - sm2ID: the SM2 distinguishing identifier (ignored by other algorithms). OpenSSL's own
    ///     CMS code would use an empty ID; EGovKit uses the GM/T 0009 default unless told otherwise.
    public func verifySignature(content: [UInt8]?, sm2ID: SM2DistinguishingID = .default) -> CMSSignerVerification {
        guard let digestAlgorithm else { return .unsupportedAlgorithm(digestAlgorithmOID) }
        // The certificate comes before the signature algorithm: the generic key OIDs
        // (id-ecPublicKey) can only be resolved with the signer's key.
        guard let signerCertificate else { return .noSignerCertificate }
        guard let signatureAlgorithm else { return .unsupportedAlgorithm(signatureAlgorithmOID) }
        let message: [UInt8]
        switch (encapsulatedContent, content) {
        case (nil, nil): return .contentMissing
        case (let embedded?, let supplied?):
            guard embedded == supplied else { return .hashMismatch }
            message = embedded
        case (let embedded?, nil): message = embedded
        case (nil, let supplied?): message = supplied
        }
        let signedBytes: [UInt8]
        if let signedAttributesDER {
            guard let contentTypeAttribute else { return .missingSignedAttribute("content-type") }
            guard let messageDigest else { return .missingSignedAttribute("message-digest") }
            guard contentTypeAttribute == eContentType else { return .missingSignedAttribute("content-type") }
            guard ConstantTime.equals(digestAlgorithm.hash(message), messageDigest) else { return .hashMismatch }
            signedBytes = signedAttributesDER
        } else {
            guard eContentType == CMSAlgorithms.data else { return .missingSignedAttribute("content-type") }
            signedBytes = message
        }
        guard signatureAlgorithm.isCompatible(with: signerCertificate.publicKey.keyType) else {
            return .signatureInvalid
        }
        let valid =
            (try? signerCertificate.publicKey.isValidSignature(
                signatureValue, for: signedBytes, algorithm: signatureAlgorithm, sm2ID: sm2ID)) ?? false
        return valid ? .valid : .signatureInvalid
    }

    /// Decodes the SignerInfo `info` of a parsed SignedData. `certificates` pairs each embedded
    /// `X509` (owned by the caller) with its ``Certificate``.
    init(
        _ info: OpaquePointer, certificates: [(OpaquePointer, Certificate)], eContentType: String,
        encapsulatedContent: [UInt8]?
    ) throws(CMSError) {
        self.eContentType = eContentType
        self.encapsulatedContent = encapsulatedContent

        // Signer identifier and certificate.
        var keyID: UnsafeMutablePointer<ASN1_OCTET_STRING>?
        var issuer: OpaquePointer?
        var serial: UnsafeMutablePointer<ASN1_INTEGER>?
        guard CMS_SignerInfo_get0_signer_id(info, &keyID, &issuer, &serial) == 1 else {
            OpenSSL.clearErrors()
            throw .malformedDER("SignerInfo identifier")
        }
        if let keyID {
            subjectKeyIdentifier = X509Support.bytes(of: keyID)
            issuerSerial = nil
        } else {
            guard let issuer, let serial, let hex = X509Support.integerHex(serial),
                let name = try? DistinguishedName(name: issuer)
            else { throw .malformedDER("SignerInfo issuerAndSerialNumber") }
            subjectKeyIdentifier = nil
            issuerSerial = (name.description, hex)
        }
        signerCertificate = certificates.first { CMS_SignerInfo_cert_cmp(info, $0.0) == 0 }?.1
        OpenSSL.clearErrors()

        // Algorithms.
        var digestAlgorithmPointer: UnsafeMutablePointer<X509_ALGOR>?
        var signatureAlgorithmPointer: UnsafeMutablePointer<X509_ALGOR>?
        CMS_SignerInfo_get0_algs(info, nil, nil, &digestAlgorithmPointer, &signatureAlgorithmPointer)
        guard let digest = Self.algorithm(digestAlgorithmPointer),
            let signature = Self.algorithm(signatureAlgorithmPointer)
        else { throw .malformedDER("SignerInfo algorithm identifiers") }
        digestAlgorithmOID = digest.oid
        let hash = CMSAlgorithms.hash(forOID: digest.oid)
        digestAlgorithm = (digest.parameters == nil || digest.parameters == [0x05, 0x00]) ? hash : nil
        signatureAlgorithmOID = signature.oid
        signatureAlgorithm = CMSAlgorithms.signatureAlgorithm(
            oid: signature.oid, parameters: signature.parameters, digest: digestAlgorithm,
            keyType: signerCertificate?.publicKey.keyType)

        guard let signatureString = CMS_SignerInfo_get0_signature(info) else {
            throw .malformedDER("SignerInfo signature")
        }
        signatureValue = X509Support.bytes(of: signatureString)

        // Signed attributes.
        let signedCount = CMS_signed_get_attr_count(info)
        guard signedCount != 0 else { throw .malformedAttribute("signed attributes present but empty") }
        var contentType: String?
        var digestValue: [UInt8]?
        var time: Date?
        var essCertID: ESSCertIDv2?
        if signedCount > 0 {
            var encodings: [[UInt8]] = []
            var seen: Set<String> = []
            for index in 0..<signedCount {
                guard let attribute = CMS_signed_get_attr(info, index),
                    let oid = X509Support.oidText(X509_ATTRIBUTE_get0_object(attribute))
                else { throw .malformedAttribute("undecodable signed attribute") }
                do {
                    encodings.append(try OpenSSL.i2d("i2d_X509_ATTRIBUTE") { i2d_X509_ATTRIBUTE(attribute, $0) })
                } catch { throw .malformedAttribute("signed attribute cannot be encoded") }
                let name: String
                switch oid {
                case CMSAlgorithms.contentTypeAttribute: name = "content-type"
                case CMSAlgorithms.messageDigestAttribute: name = "message-digest"
                case CMSAlgorithms.signingTimeAttribute: name = "signing-time"
                case CMSAlgorithms.signingCertificateV2Attribute: name = "signing-certificate-v2"
                default: continue
                }
                guard seen.insert(oid).inserted else { throw .malformedAttribute("duplicate \(name) attribute") }
                guard X509_ATTRIBUTE_count(attribute) == 1, let value = X509_ATTRIBUTE_get0_type(attribute, 0)
                else { throw .malformedAttribute("\(name) must have exactly one value") }
                let type = ASN1_TYPE_get(value)
                switch oid {
                case CMSAlgorithms.contentTypeAttribute:
                    guard type == V_ASN1_OBJECT, let text = X509Support.oidText(value.pointee.value.object) else {
                        throw .malformedAttribute("content-type is not an OBJECT IDENTIFIER")
                    }
                    contentType = text
                case CMSAlgorithms.messageDigestAttribute:
                    guard type == V_ASN1_OCTET_STRING else {
                        throw .malformedAttribute("message-digest is not an OCTET STRING")
                    }
                    digestValue = X509Support.bytes(of: value.pointee.value.octet_string)
                case CMSAlgorithms.signingTimeAttribute:
                    let parsed: Date?
                    switch type {
                    case V_ASN1_UTCTIME: parsed = X509Support.date(value.pointee.value.utctime)
                    case V_ASN1_GENERALIZEDTIME: parsed = X509Support.date(value.pointee.value.generalizedtime)
                    default: parsed = nil
                    }
                    guard let parsed else { throw .malformedAttribute("signing-time is not a valid Time") }
                    time = parsed
                default:
                    guard type == V_ASN1_SEQUENCE else {
                        throw .malformedAttribute("signing-certificate-v2 is not a SEQUENCE")
                    }
                    essCertID = try ESSCertIDv2(
                        signingCertificateV2: X509Support.bytes(of: value.pointee.value.sequence))
                }
            }
            signedAttributesDER = CMSDER.tlv(0x31, CMSDER.sorted(encodings).flatMap { $0 })
        } else {
            signedAttributesDER = nil
        }
        hasSignedAttributes = signedAttributesDER != nil
        contentTypeAttribute = contentType
        messageDigest = digestValue
        signingTime = time
        signingCertificateV2 = essCertID

        // Unsigned attributes.
        var tokens: [[UInt8]] = []
        var unsignedOIDs: [String] = []
        let unsignedCount = CMS_unsigned_get_attr_count(info)
        guard unsignedCount != 0 else { throw .malformedAttribute("unsigned attributes present but empty") }
        for index in 0..<max(unsignedCount, 0) {
            guard let attribute = CMS_unsigned_get_attr(info, index),
                let oid = X509Support.oidText(X509_ATTRIBUTE_get0_object(attribute))
            else { throw .malformedAttribute("undecodable unsigned attribute") }
            unsignedOIDs.append(oid)
            guard oid == CMSAlgorithms.signatureTimeStampTokenAttribute else { continue }
            let count = X509_ATTRIBUTE_count(attribute)
            guard count >= 1 else { throw .malformedAttribute("signature timestamp attribute without a value") }
            for valueIndex in 0..<count {
                guard let value = X509_ATTRIBUTE_get0_type(attribute, valueIndex),
                    ASN1_TYPE_get(value) == V_ASN1_SEQUENCE
                else { throw .malformedAttribute("signature timestamp token is not a SEQUENCE") }
                tokens.append(X509Support.bytes(of: value.pointee.value.sequence))
            }
        }
        signatureTimestampTokens = tokens
        unsignedAttributeOIDs = unsignedOIDs
    }

    /// The OID and parameter encoding of an `X509_ALGOR` (`nil` parameters when absent).
    private static func algorithm(_ pointer: UnsafeMutablePointer<X509_ALGOR>?) -> (oid: String, parameters: [UInt8]?)?
    {
        guard let pointer else { return nil }
        var object: OpaquePointer?
        var parameterType: Int32 = 0
        var parameterValue: UnsafeRawPointer?
        X509_ALGOR_get0(&object, &parameterType, &parameterValue, pointer)
        guard let oid = X509Support.oidText(object) else { return nil }
        switch parameterType {
        case V_ASN1_UNDEF: return (oid, nil)
        case V_ASN1_NULL: return (oid, [0x05, 0x00])
        case V_ASN1_SEQUENCE:
            let string = parameterValue?.assumingMemoryBound(to: ASN1_STRING.self)
            return (oid, X509Support.bytes(of: string))
        default: return (oid, [0xFF])  // some other parameter type: never matches a supported algorithm
        }
    }
}
