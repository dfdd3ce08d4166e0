import COpenSSL
import EGovCore
import Foundation

/// Produces CMS SignedData (RFC 5652) with CAdES baseline-B signed attributes (ETSI EN 319 122-1).
///
/// Every SignerInfo carries the signed attributes content-type, message-digest, signing-time and
/// ESS signing-certificate-v2 (SHA-256 of the signer certificate, with issuerSerial), identifies
/// the signer by issuerAndSerialNumber (version 1), and is signed through the ``SigningKey``
/// seam: the DER SET OF the signed attributes is handed to ``SigningKey/sign(_:)``, so an HSM or
/// a remote signing service works exactly like a software key. The DER is assembled by EGovKit
/// (OpenSSL 3.0's CMS signer cannot sign with SM2 and always wants the private key); each result
/// is parsed back with OpenSSL before it is returned, and each new signature is checked against
/// the certificate's key.
///
/// Digest algorithms follow the signature algorithm: SHA-256 for ES256, RS256 and PS256,
/// SHA-384 for ES384, SM3 for SM2 and SHA-512 for Ed25519 (RFC 8419).
public enum CMSBuilder {
    /// Signs `content` and returns the DER of a ContentInfo holding the SignedData.
    ///
    /// - Parameters:
    ///   - content: the bytes to sign.
    ///   - detached: when `true`, the content is not encapsulated.
    ///   - signer: the signing key; its public key must be the certificate's.
    ///   - certificate: the signer certificate (embedded first).
    ///   - chain: further certificates to embed (intermediates, optionally the root).
    ///   - signingTime: the claimed signing time (the signing-time attribute; whole seconds).
    ///   - contentTypeOID: the encapsulated content type (default id-data).
    /// - Throws: ``CMSError``.
    public static func sign(
        content: [UInt8], detached: Bool, signer: some SigningKey, certificate: Certificate,
        chain: [Certificate] = [], signingTime: Date, contentTypeOID: String = "1.2.840.113549.1.7.1"
    ) async throws -> [UInt8] {
        guard content.count <= CMSSignedData.maximumDERLength else {
            throw CMSError.inputTooLarge(what: "content", limit: CMSSignedData.maximumDERLength)
        }
        return try await signedData(
            contentDigest: digestAlgorithm(for: signer.algorithm).hash(content),
            encapsulating: detached ? nil : content, signer: signer, certificate: certificate, chain: chain, signingTime: signingTime,
            contentTypeOID: contentTypeOID)
    }

    /// The digest algorithm of the message-digest attribute for signatures with `algorithm`
    /// (see the type's discussion).
    public static func digestAlgorithm(for algorithm: SignatureAlgorithm) -> HashAlgorithm {
        CMSAlgorithms.digest(for: algorithm)
    }

    /// Signs detached content given by its digest, computed with
    /// ``digestAlgorithm(for:)`` of the signer's algorithm (e.g. with ``StreamingHasher``, so
    /// that content of any size is hashed in chunks), and returns the DER of a ContentInfo
    /// holding the SignedData. The result is the same as
    /// ``sign(content:detached:signer:certificate:chain:signingTime:contentTypeOID:)`` with
    /// `detached: true`.
    ///
    /// - Throws: ``CMSError``; ``CMSError/malformedDER(_:)`` when the digest's length is not the
    ///   digest algorithm's.
    public static func signDetached(
        contentDigest: [UInt8], signer: some SigningKey, certificate: Certificate, chain: [Certificate] = [],
        signingTime: Date, contentTypeOID: String = "1.2.840.113549.1.7.1"
    ) async throws -> [UInt8] {
        guard contentDigest.count == digestAlgorithm(for: signer.algorithm).outputLength else {
            throw CMSError.malformedDER("the content digest does not fit the digest algorithm")
        }
        return try await signedData(
            contentDigest: contentDigest, encapsulating: nil, signer: signer, certificate: certificate, chain: chain,
            signingTime: signingTime, contentTypeOID: contentTypeOID)
    }

    /// A ContentInfo with one SignerInfo over content with `contentDigest`, encapsulating `content`
    /// when given.
    private static func signedData(
        contentDigest: [UInt8], encapsulating content: [UInt8]?, signer: some SigningKey, certificate: Certificate,
        chain: [Certificate], signingTime: Date, contentTypeOID: String
    ) async throws -> [UInt8] {
        guard chain.count < CMSSignedData.maximumCertificates else {
            throw CMSError.inputTooLarge(what: "embedded certificates", limit: CMSSignedData.maximumCertificates)
        }
        let made = try await signerInfo(
            contentDigest: contentDigest, contentTypeOID: contentTypeOID, signer: signer, certificate: certificate,
            signingTime: signingTime)
        var encapsulated = [try CMSDER.oid(contentTypeOID)]
        if let content { encapsulated.append(CMSDER.tlv(0xA0, CMSDER.octetString(content))) }
        let signedData = CMSDER.sequence([
            CMSDER.integer(contentTypeOID == CMSAlgorithms.data ? 1 : 3),
            CMSDER.setOf([made.digestAlgorithm]),
            CMSDER.sequence(encapsulated),
            CMSDER.setOf(([certificate] + chain).map(\.derRepresentation), tag: 0xA0),
            CMSDER.setOf([made.signerInfo]),
        ])
        return try contentInfo(signedData)
    }

    /// Adds a co-signature: a further SignerInfo over the same content, and its certificates.
    ///
    /// The existing SignerInfos are kept as they are (their signatures stay valid); the result
    /// is re-encoded as DER, so SET OF members (digest algorithms, certificates, SignerInfos) are
    /// in DER order and signer indices may change.
    ///
    /// - Parameters:
    ///   - cms: the DER of an existing SignedData.
    ///   - content: the content; required when `cms` is detached, and if given for attached data
    ///     it must equal the encapsulated content.
    ///   - signer: the co-signer's key.
    ///   - certificate: the co-signer's certificate.
    ///   - chain: intermediate certificates to embed with it.
    ///   - signingTime: the co-signer's claimed signing time (signed attribute).
    /// - Throws: ``CMSError`` (``CMSError/contentMissing``, ``CMSError/contentMismatch``, parse errors).
    public static func addSigner(
        to cms: [UInt8], content: [UInt8]?, signer: some SigningKey, certificate: Certificate,
        chain: [Certificate] = [], signingTime: Date
    ) async throws -> [UInt8] {
        let parsed = try CMSSignedData(derRepresentation: cms)
        let message: [UInt8]
        if let embedded = parsed.encapsulatedContent {
            if let content, content != embedded { throw CMSError.contentMismatch }
            message = embedded
        } else {
            guard let content else { throw CMSError.contentMissing }
            message = content
        }
        guard parsed.certificates.count + chain.count < CMSSignedData.maximumCertificates else {
            throw CMSError.inputTooLarge(what: "embedded certificates", limit: CMSSignedData.maximumCertificates)
        }
        guard parsed.signers.count < CMSSignedData.maximumSigners else {
            throw CMSError.inputTooLarge(what: "SignerInfos", limit: CMSSignedData.maximumSigners)
        }
        let made = try await signerInfo(
            contentDigest: digestAlgorithm(for: signer.algorithm).hash(message), contentTypeOID: parsed.contentTypeOID,
            signer: signer, certificate: certificate, signingTime: signingTime)

        let fields = try signedDataFields(canonicalDER(cms))
        guard fields.count >= 4, fields[0].tag == 0x02, fields[1].tag == 0x31, fields[2].tag == 0x30,
            let signerInfos = fields.last, signerInfos.tag == 0x31
        else { throw CMSError.malformedDER("SignedData fields") }
        let middle = fields[3..<(fields.count - 1)]
        let existingCertificates = middle.first { $0.tag == 0xA0 }
        let crls = middle.first { $0.tag == 0xA1 }
        guard middle.allSatisfy({ $0.tag == 0xA0 || $0.tag == 0xA1 }), middle.count <= 2 else {
            throw CMSError.malformedDER("SignedData fields")
        }
        let digestAlgorithms = try CMSDER.elements(fields[1].content).map { Array($0.encoded) }
        let certificates =
            try existingCertificates.map { try CMSDER.elements($0.content).map { Array($0.encoded) } } ?? []
        let infos = try CMSDER.elements(signerInfos.content).map { Array($0.encoded) }
        var rebuilt = [
            Array(fields[0].encoded), CMSDER.setOf(digestAlgorithms + [made.digestAlgorithm]),
            Array(fields[2].encoded),
            CMSDER.setOf(certificates + ([certificate] + chain).map(\.derRepresentation), tag: 0xA0),
        ]
        if let crls { rebuilt.append(Array(crls.encoded)) }
        rebuilt.append(CMSDER.setOf(infos + [made.signerInfo]))
        return try contentInfo(CMSDER.sequence(rebuilt))
    }

    /// Adds an unsigned attribute with one value to the SignerInfo at `signerIndex` (in
    /// ``CMSSignedData/signers`` order), e.g. a signature timestamp token (CAdES-T:
    /// `oid` 1.2.840.113549.1.9.16.2.14, `valueDER` the TimeStampToken ContentInfo computed over
    /// that signer's ``CMSSignerInfo/signatureValue``).
    ///
    /// Unsigned attributes are outside the signature, so every signature stays valid. The result
    /// is re-encoded as DER (signer indices may change, see ``addSigner(to:content:signer:certificate:chain:signingTime:)``).
    ///
    /// - Throws: ``CMSError/signerIndexOutOfRange(index:count:)``,
    ///   ``CMSError/invalidAttributeValue(_:)`` when `valueDER` is not exactly one DER element,
    ///   parse errors.
    public static func addUnsignedAttribute(
        to cms: [UInt8], signerIndex: Int, oid: String, valueDER: [UInt8]
    ) throws -> [UInt8] {
        let parsed = try CMSSignedData(derRepresentation: cms)
        guard signerIndex >= 0, signerIndex < parsed.signers.count else {
            throw CMSError.signerIndexOutOfRange(index: signerIndex, count: parsed.signers.count)
        }
        guard (try? CMSDER.elements(valueDER[...]).count) == 1 else {
            throw CMSError.invalidAttributeValue("the value must be exactly one DER element")
        }
        let attributeDER = CMSDER.sequence([try CMSDER.oid(oid), CMSDER.setOf([valueDER])])
        let attribute: OpaquePointer
        do {
            attribute = try OpenSSL.d2i(attributeDER, what: "Attribute") {
                d2i_X509_ATTRIBUTE(nil, $0, $1)
            } release: {
                X509_ATTRIBUTE_free($0)
            }
        } catch { throw CMSError.invalidAttributeValue("OpenSSL does not accept the attribute") }
        defer { X509_ATTRIBUTE_free(attribute) }
        let decoded = try CMSSignedData.decode(cms)
        defer { CMS_ContentInfo_free(decoded) }
        guard let infos = CMS_get0_SignerInfos(decoded), let raw = OPENSSL_sk_value(infos, Int32(signerIndex)),
            CMS_unsigned_add1_attr(OpaquePointer(raw), attribute) == 1
        else { throw CMSError.engineFailure(operation: "CMS_unsigned_add1_attr", detail: OpenSSL.drainErrors()) }
        let output = try CMSSignedData.encode(decoded)
        _ = try CMSSignedData(derRepresentation: output)
        return output
    }

    // MARK: - Internals

    /// Builds one SignerInfo (version 1, issuerAndSerialNumber) with CAdES baseline-B attributes.
    static func signerInfo(
        contentDigest: [UInt8], contentTypeOID: String, signer: some SigningKey, certificate: Certificate,
        signingTime: Date
    ) async throws -> (signerInfo: [UInt8], digestAlgorithm: [UInt8]) {
        let algorithm = signer.algorithm
        guard algorithm.isCompatible(with: certificate.publicKey.keyType), signer.publicKey == certificate.publicKey
        else { throw CMSError.certificateKeyMismatch }
        let hash = CMSAlgorithms.digest(for: algorithm)
        let digestAlgorithm = try CMSDER.algorithm(CMSAlgorithms.oid(of: hash))
        let attributes = [
            try attribute(CMSAlgorithms.contentTypeAttribute, CMSDER.oid(contentTypeOID)),
            try attribute(CMSAlgorithms.signingTimeAttribute, time(signingTime)),
            try attribute(CMSAlgorithms.messageDigestAttribute, CMSDER.octetString(contentDigest)),
            try attribute(
                CMSAlgorithms.signingCertificateV2Attribute, ESSCertIDv2.encodeSigningCertificateV2(for: certificate)),
        ]
        let signedAttributes = CMSDER.setOf(attributes)
        let signature: [UInt8]
        do {
            signature = try await signer.sign(signedAttributes)
        } catch let error as any EGovError {
            throw CMSError.signingFailed(error.code)
        } catch {
            throw CMSError.signingFailed("the signing key reported \(type(of: error))")
        }
        let verifies =
            (try? certificate.publicKey.isValidSignature(
                signature, for: signedAttributes, algorithm: algorithm, sm2ID: signer.sm2ID)) ?? false
        guard verifies else {
            throw CMSError.signingFailed("the signature does not verify with the certificate's key")
        }
        // [0] IMPLICIT SET OF: the same encoding with the context tag.
        let implicitAttributes = [0xA0] + signedAttributes.dropFirst()
        let info = CMSDER.sequence([
            CMSDER.integer(1),
            CMSDER.sequence([try CMSDER.issuerNameDER(certificate), try CMSDER.serialDER(certificate)]),
            digestAlgorithm,
            implicitAttributes,
            try CMSAlgorithms.signatureAlgorithmIdentifier(algorithm),
            CMSDER.octetString(signature),
        ])
        return (info, digestAlgorithm)
    }

    /// `Attribute ::= SEQUENCE { attrType OBJECT IDENTIFIER, attrValues SET OF AttributeValue }`.
    static func attribute(_ oid: String, _ value: [UInt8]) throws(CMSError) -> [UInt8] {
        CMSDER.sequence([try CMSDER.oid(oid), CMSDER.setOf([value])])
    }

    /// A Time: UTCTime for 1950–2049, GeneralizedTime otherwise (RFC 5652 section 11.3).
    static func time(_ date: Date) throws(CMSError) -> [UInt8] {
        let time: UnsafeMutablePointer<ASN1_TIME>
        do { time = try X509Support.time(date) } catch {
            throw .malformedDER("signing time outside the encodable range")
        }
        defer { ASN1_TIME_free(time) }
        do { return try OpenSSL.i2d("i2d_ASN1_TIME") { i2d_ASN1_TIME(time, $0) } } catch { throw .from(error) }
    }

    /// The ContentInfo around `signedData`, checked by parsing it back.
    static func contentInfo(_ signedData: [UInt8]) throws(CMSError) -> [UInt8] {
        let output = CMSDER.sequence([try CMSDER.oid(CMSAlgorithms.signedData), CMSDER.tlv(0xA0, signedData)])
        _ = try CMSSignedData(derRepresentation: output)
        return output
    }

    /// The DER OpenSSL writes for `cms` (BER input becomes DER).
    static func canonicalDER(_ cms: [UInt8]) throws(CMSError) -> [UInt8] {
        let decoded = try CMSSignedData.decode(cms)
        defer { CMS_ContentInfo_free(decoded) }
        return try CMSSignedData.encode(decoded)
    }

    /// The fields of the SignedData inside a DER ContentInfo.
    static func signedDataFields(_ der: [UInt8]) throws(CMSError) -> [CMSDER.Element] {
        let contentInfo = try CMSDER.single(der[...], tag: 0x30, what: "ContentInfo")
        let parts = try CMSDER.elements(contentInfo.content)
        guard parts.count == 2, parts[1].tag == 0xA0 else { throw .malformedDER("ContentInfo fields") }
        let signedData = try CMSDER.single(parts[1].content, tag: 0x30, what: "SignedData")
        return try CMSDER.elements(signedData.content)
    }
}
