import COpenSSL
import EGovCore

/// The first `ESSCertIDv2` of an ESS signing-certificate-v2 attribute (RFC 5035), which binds a
/// signature to the signer's certificate.
public struct ESSCertIDv2: Sendable {
    /// The hash algorithm as a dotted OID (SHA-256 when the field is absent, its DEFAULT).
    public let hashAlgorithmOID: String
    /// The hash algorithm, when EGovKit supports it.
    public let hashAlgorithm: HashAlgorithm?
    /// The hash of the certificate's DER encoding.
    public let certificateHash: [UInt8]
    /// The issuer (RFC 4514 string of the first directoryName) and serial number (lowercase hex)
    /// when the optional issuerSerial is present.
    public let issuerSerial: (issuer: String, serialNumber: String)?

    /// Whether this identifies `certificate`: the hash matches and, when present, issuer and serial too.
    public func matches(_ certificate: Certificate) -> Bool {
        guard let hashAlgorithm, hashAlgorithm.hash(certificate.derRepresentation) == certificateHash else {
            return false
        }
        guard let issuerSerial else { return true }
        return issuerSerial.issuer == certificate.issuer.description
            && issuerSerial.serialNumber == certificate.serialNumber
    }

    /// Parses the DER of a `SigningCertificateV2` attribute value and keeps its first ESSCertIDv2.
    init(signingCertificateV2 der: [UInt8]) throws(CMSError) {
        let outer = try CMSDER.single(der[...], tag: 0x30, what: "SigningCertificateV2")
        let fields = try CMSDER.elements(outer.content)
        guard let certs = fields.first, certs.tag == 0x30, fields.count <= 2 else {
            throw .malformedAttribute("SigningCertificateV2 structure")
        }
        guard let first = try CMSDER.elements(certs.content).first, first.tag == 0x30 else {
            throw .malformedAttribute("SigningCertificateV2 without an ESSCertIDv2")
        }
        var parts = try CMSDER.elements(first.content)[...]
        var algorithmOID = CMSAlgorithms.oid(of: .sha256)
        if let algorithm = parts.first, algorithm.tag == 0x30 {
            let algorithmParts = try CMSDER.elements(algorithm.content)
            guard let oid = algorithmParts.first, oid.tag == 0x06, algorithmParts.count <= 2,
                let text = Self.oidText(Array(oid.encoded))
            else { throw .malformedAttribute("ESSCertIDv2 hash algorithm") }
            algorithmOID = text
            parts = parts.dropFirst()
        }
        guard let hash = parts.first, hash.tag == 0x04 else {
            throw .malformedAttribute("ESSCertIDv2 certificate hash")
        }
        parts = parts.dropFirst()
        var issuerSerial: (issuer: String, serialNumber: String)?
        if let serialPart = parts.first {
            guard serialPart.tag == 0x30, parts.count == 1 else {
                throw .malformedAttribute("ESSCertIDv2 issuerSerial")
            }
            let serialFields = try CMSDER.elements(serialPart.content)
            guard serialFields.count == 2, serialFields[0].tag == 0x30, serialFields[1].tag == 0x02,
                let directory = try CMSDER.elements(serialFields[0].content).first(where: { $0.tag == 0xA4 }),
                let name = Self.distinguishedName(Array(directory.content))
            else { throw .malformedAttribute("ESSCertIDv2 issuerSerial") }
            var magnitude = Array(serialFields[1].content)
            while magnitude.count > 1, magnitude.first == 0 { magnitude.removeFirst() }
            issuerSerial = (name, Hex.encode(magnitude))
        }
        self.hashAlgorithmOID = algorithmOID
        self.hashAlgorithm = CMSAlgorithms.hash(forOID: algorithmOID)
        self.certificateHash = Array(hash.content)
        self.issuerSerial = issuerSerial
    }

    /// Encodes a SigningCertificateV2 value for `certificate` with SHA-256 (the DEFAULT, so the
    /// hash algorithm is omitted as DER requires) and issuerSerial.
    static func encodeSigningCertificateV2(for certificate: Certificate) throws(CMSError) -> [UInt8] {
        let issuerName = try CMSDER.issuerNameDER(certificate)
        let serial = try CMSDER.serialDER(certificate)
        let issuerSerial = CMSDER.sequence([CMSDER.sequence([CMSDER.tlv(0xA4, issuerName)]), serial])
        let certID = CMSDER.sequence([
            CMSDER.octetString(HashAlgorithm.sha256.hash(certificate.derRepresentation)), issuerSerial,
        ])
        return CMSDER.sequence([CMSDER.sequence([certID])])
    }

    /// The dotted text of a DER OBJECT IDENTIFIER.
    static func oidText(_ der: [UInt8]) -> String? {
        guard
            let object = try? OpenSSL.d2i(
                der, what: "OBJECT IDENTIFIER", { d2i_ASN1_OBJECT(nil, $0, $1) }, release: { ASN1_OBJECT_free($0) })
        else { return nil }
        defer { ASN1_OBJECT_free(object) }
        return X509Support.oidText(object)
    }

    /// The RFC 4514 string of a DER Name.
    static func distinguishedName(_ der: [UInt8]) -> String? {
        guard
            let name = try? OpenSSL.d2i(
                der, what: "Name", { d2i_X509_NAME(nil, $0, $1) }, release: { X509_NAME_free($0) })
        else { return nil }
        defer { X509_NAME_free(name) }
        return (try? DistinguishedName(name: name))?.description
    }
}
