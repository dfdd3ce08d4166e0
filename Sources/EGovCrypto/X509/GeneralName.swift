import COpenSSL

/// One entry of a subjectAltName (RFC 5280 section 4.2.1.6).
public enum GeneralName: Sendable, Hashable, Codable, CustomStringConvertible {
    /// dNSName.
    case dns(String)
    /// rfc822Name (e-mail address).
    case email(String)
    /// uniformResourceIdentifier.
    case uri(String)
    /// iPAddress: 4 bytes (IPv4) or 16 bytes (IPv6).
    case ip([UInt8])
    /// directoryName.
    case directoryName(String)
    /// registeredID (dotted OID).
    case registeredID(String)
    /// otherName: the type OID and the DER of the value.
    case other(typeID: String, value: [UInt8])
    /// x400Address or ediPartyName, which EGovKit does not decode (the GeneralName tag number).
    case unsupported(tag: Int)

    /// A short textual form, e.g. `DNS:example.org`, `IP:192.0.2.1`.
    public var description: String {
        switch self {
        case .dns(let name): "DNS:\(name)"
        case .email(let address): "email:\(address)"
        case .uri(let uri): "URI:\(uri)"
        case .ip(let bytes):
            if bytes.count == 4 {
                "IP:" + bytes.map(String.init).joined(separator: ".")
            } else {
                "IP:"
                    + stride(from: 0, to: bytes.count, by: 2).map { index in
                        String(
                            UInt16(bytes[index]) << 8 | UInt16(index + 1 < bytes.count ? bytes[index + 1] : 0),
                            radix: 16)
                    }.joined(separator: ":")
            }
        case .directoryName(let name): "DirName:\(name)"
        case .registeredID(let oid): "RID:\(oid)"
        case .other(let typeID, _): "othername:\(typeID)"
        case .unsupported(let tag): "unsupported:\(tag)"
        }
    }

    /// Decodes one OpenSSL `GENERAL_NAME`.
    init(_ name: UnsafeMutablePointer<GENERAL_NAME>) throws(CryptoError) {
        var type: Int32 = 0
        let value = GENERAL_NAME_get0_value(name, &type)
        switch type {
        case GEN_DNS, GEN_EMAIL, GEN_URI:
            let string = value?.assumingMemoryBound(to: ASN1_STRING.self)
            guard let text = String(validating: X509Support.bytes(of: string), as: UTF8.self),
                text.utf8.allSatisfy({ $0 < 0x80 })
            else { throw .malformedCertificate("subjectAltName IA5String is not ASCII") }
            self = type == GEN_DNS ? .dns(text) : type == GEN_EMAIL ? .email(text) : .uri(text)
        case GEN_IPADD:
            let bytes = X509Support.bytes(of: value?.assumingMemoryBound(to: ASN1_STRING.self))
            guard bytes.count == 4 || bytes.count == 16 else {
                throw .malformedCertificate("subjectAltName iPAddress of \(bytes.count) bytes")
            }
            self = .ip(bytes)
        case GEN_DIRNAME:
            self = .directoryName(
                try DistinguishedName(name: value.map { OpaquePointer($0) }).description)
        case GEN_RID:
            guard let oid = X509Support.oidText(value.map { OpaquePointer($0) }) else {
                throw .malformedCertificate("subjectAltName registeredID")
            }
            self = .registeredID(oid)
        case GEN_OTHERNAME:
            var typeID: OpaquePointer?
            var otherValue: UnsafeMutablePointer<ASN1_TYPE>?
            guard GENERAL_NAME_get0_otherName(name, &typeID, &otherValue) == 1,
                let oid = X509Support.oidText(typeID),
                let otherValue
            else { throw .malformedCertificate("subjectAltName otherName") }
            let der = try OpenSSL.i2d("i2d_ASN1_TYPE") { i2d_ASN1_TYPE(otherValue, $0) }
            self = .other(typeID: oid, value: der)
        default:
            self = .unsupported(tag: Int(type))
        }
    }

    /// Builds a new OpenSSL `GENERAL_NAME`; the caller frees it.
    func makeGeneralName() throws(CryptoError) -> UnsafeMutablePointer<GENERAL_NAME> {
        guard let name = GENERAL_NAME_new() else { throw OpenSSL.failure("GENERAL_NAME_new") }
        func string(_ bytes: [UInt8], ia5: Bool) throws(CryptoError) -> UnsafeMutablePointer<
            ASN1_STRING
        > {
            guard let string = ia5 ? ASN1_IA5STRING_new() : ASN1_OCTET_STRING_new() else {
                throw OpenSSL.failure("ASN1_STRING_new")
            }
            guard bytes.withNonNullBytes({ ASN1_STRING_set(string, $0, Int32($1)) }) == 1 else {
                ASN1_STRING_free(string)
                throw OpenSSL.failure("ASN1_STRING_set")
            }
            return string
        }
        do throws(CryptoError) {
            switch self {
            case .dns(let text), .email(let text), .uri(let text):
                guard text.utf8.allSatisfy({ $0 < 0x80 }), !text.isEmpty else {
                    throw CryptoError.malformedCertificate("subjectAltName names must be non-empty ASCII")
                }
                let kind: Int32 =
                    if case .dns = self { GEN_DNS } else if case .email = self { GEN_EMAIL } else { GEN_URI }
                GENERAL_NAME_set0_value(
                    name, kind, UnsafeMutableRawPointer(try string(Array(text.utf8), ia5: true)))
            case .ip(let bytes):
                guard bytes.count == 4 || bytes.count == 16 else {
                    throw CryptoError.malformedCertificate("iPAddress must be 4 or 16 bytes")
                }
                GENERAL_NAME_set0_value(
                    name, GEN_IPADD, UnsafeMutableRawPointer(try string(bytes, ia5: false)))
            case .registeredID(let oid):
                GENERAL_NAME_set0_value(
                    name, GEN_RID, UnsafeMutableRawPointer(try X509Support.object(forOID: oid)))
            case .other(let typeID, let value):
                let object = try X509Support.object(forOID: typeID)
                let decoded: UnsafeMutablePointer<ASN1_TYPE>
                do {
                    decoded = try OpenSSL.d2i(value, what: "otherName value") {
                        d2i_ASN1_TYPE(nil, $0, $1)
                    } release: {
                        ASN1_TYPE_free($0)
                    }
                } catch {
                    ASN1_OBJECT_free(object)
                    throw error
                }
                guard GENERAL_NAME_set0_othername(name, object, decoded) == 1 else {
                    ASN1_OBJECT_free(object)
                    ASN1_TYPE_free(decoded)
                    throw OpenSSL.failure("GENERAL_NAME_set0_othername")
                }
            case .directoryName, .unsupported:
                throw CryptoError.malformedCertificate(
                    "this GeneralName form cannot be encoded by the builder")
            }
        } catch {
            GENERAL_NAME_free(name)
            throw error
        }
        return name
    }
}
