import COpenSSL

/// An X.501 distinguished name: an ordered list of attributes (in encoding order, most
/// significant RDN first, e.g. `C`, `O`, `CN`).
///
/// The ``description`` is the RFC 4514 string form (least significant RDN first, special
/// characters escaped). Note that names usually carry personal data: do not log them unless the
/// context allows it.
public struct DistinguishedName: Sendable, Hashable, CustomStringConvertible {
    /// One attribute type-and-value of a distinguished name.
    public struct Attribute: Sendable, Hashable {
        /// The attribute type as a dotted OID, e.g. `2.5.4.3`.
        public let oid: String
        /// OpenSSL's short name for the type (e.g. `CN`, `O`, `C`, `emailAddress`), or the OID
        /// when OpenSSL has none.
        public let shortName: String
        /// The value as text (converted to UTF-8 from its ASN.1 string type).
        public let value: String
        /// Index of the relative distinguished name (RDN) this attribute belongs to; attributes of
        /// a multi-valued RDN share an index.
        public let rdnIndex: Int

        /// Creates an attribute. `type` is a short name known to OpenSSL (`CN`, `O`, `OU`, `C`,
        /// `L`, `ST`, `serialNumber`, `organizationIdentifier`, ...) or a dotted OID.
        public init(_ type: String, _ value: String, rdnIndex: Int? = nil) throws(CryptoError) {
            let nid = OBJ_txt2nid(type)
            let object: OpaquePointer
            if nid != NID_undef, let known = OBJ_nid2obj(nid) {
                object = known
            } else {
                object = try X509Support.object(forOID: type)
            }
            defer { ASN1_OBJECT_free(object) }
            guard let oid = X509Support.oidText(object) else {
                throw .malformedDER(what: "attribute type")
            }
            self.oid = oid
            let objectNID = OBJ_obj2nid(object)
            self.shortName =
                objectNID != NID_undef ? OBJ_nid2sn(objectNID).map { String(cString: $0) } ?? oid : oid
            self.value = value
            self.rdnIndex = rdnIndex ?? -1
        }

        init(oid: String, shortName: String, value: String, rdnIndex: Int) {
            self.oid = oid
            self.shortName = shortName
            self.value = value
            self.rdnIndex = rdnIndex
        }
    }

    /// The attributes in encoding order.
    public let attributes: [Attribute]

    /// Creates a name from attributes in encoding order (most significant first). Attributes
    /// created without an explicit `rdnIndex` each form their own RDN.
    public init(_ attributes: [Attribute]) {
        var result: [Attribute] = []
        var next = 0
        var lastExplicit: Int?
        for attribute in attributes {
            if attribute.rdnIndex >= 0, attribute.rdnIndex == lastExplicit, !result.isEmpty {
                result.append(
                    Attribute(
                        oid: attribute.oid, shortName: attribute.shortName, value: attribute.value,
                        rdnIndex: next - 1))
            } else {
                result.append(
                    Attribute(
                        oid: attribute.oid, shortName: attribute.shortName, value: attribute.value,
                        rdnIndex: next))
                next += 1
            }
            lastExplicit = attribute.rdnIndex >= 0 ? attribute.rdnIndex : nil
        }
        self.attributes = result
    }

    /// Convenience: a name from `(type, value)` pairs, each its own RDN, e.g.
    /// `[("C", "EE"), ("O", "Agency"), ("CN", "Agency Root CA")]`.
    public init(_ pairs: [(String, String)]) throws(CryptoError) {
        var attributes: [Attribute] = []
        for (type, value) in pairs { attributes.append(try Attribute(type, value)) }
        self.init(attributes)
    }

    /// Reads an `X509_NAME`.
    init(name: OpaquePointer?) throws(CryptoError) {
        guard let name else { throw .malformedCertificate("missing name") }
        let count = X509_NAME_entry_count(name)
        guard count >= 0, count <= 256 else { throw .malformedCertificate("too many name attributes") }
        var attributes: [Attribute] = []
        for index in 0..<count {
            guard let entry = X509_NAME_get_entry(name, index),
                let oid = X509Support.oidText(X509_NAME_ENTRY_get_object(entry)),
                let value = X509Support.utf8Text(of: X509_NAME_ENTRY_get_data(entry))
            else { throw .malformedCertificate("undecodable name attribute") }
            let nid = OBJ_obj2nid(X509_NAME_ENTRY_get_object(entry))
            let short = nid != NID_undef ? OBJ_nid2sn(nid).map { String(cString: $0) } ?? oid : oid
            attributes.append(
                Attribute(
                    oid: oid, shortName: short, value: value, rdnIndex: Int(X509_NAME_ENTRY_set(entry))))
        }
        self.attributes = attributes
    }

    /// Builds a new `X509_NAME`; the caller frees it.
    func makeX509Name() throws(CryptoError) -> OpaquePointer {
        guard let name = X509_NAME_new() else { throw OpenSSL.failure("X509_NAME_new") }
        var previous: Int?
        for attribute in attributes {
            let object: OpaquePointer
            do { object = try X509Support.object(forOID: attribute.oid) } catch {
                X509_NAME_free(name)
                throw error
            }
            defer { ASN1_OBJECT_free(object) }
            let bytes = Array(attribute.value.utf8)
            let set: Int32 = attribute.rdnIndex == previous ? -1 : 0
            let ok = bytes.withNonNullBytes {
                X509_NAME_add_entry_by_OBJ(name, object, MBSTRING_UTF8, $0, Int32($1), -1, set)
            }
            guard ok == 1 else {
                X509_NAME_free(name)
                OpenSSL.clearErrors()
                throw .malformedCertificate("name attribute value not acceptable for its type")
            }
            previous = attribute.rdnIndex
        }
        return name
    }

    /// The first value of the attribute with `oid`.
    public func firstValue(forOID oid: String) -> String? {
        attributes.first { $0.oid == oid }?.value
    }

    /// The common name (2.5.4.3), if present.
    public var commonName: String? { firstValue(forOID: "2.5.4.3") }
    /// The organization name (2.5.4.10), if present.
    public var organizationName: String? { firstValue(forOID: "2.5.4.10") }
    /// The country name (2.5.4.6), if present.
    public var countryName: String? { firstValue(forOID: "2.5.4.6") }

    /// Attribute types RFC 4514 section 3 names by a short string; others are written as OIDs.
    private static let rfc4514Names: [String: String] = [
        "2.5.4.3": "CN", "2.5.4.7": "L", "2.5.4.8": "ST", "2.5.4.10": "O", "2.5.4.11": "OU",
        "2.5.4.6": "C", "2.5.4.9": "STREET", "0.9.2342.19200300.100.1.25": "DC",
        "0.9.2342.19200300.100.1.1": "UID",
    ]

    /// The RFC 4514 string: RDNs in reverse encoding order separated by `,`, multi-valued RDNs
    /// joined with `+`, values escaped per section 2.4.
    public var description: String {
        var rdns: [[Attribute]] = []
        for attribute in attributes {
            if let last = rdns.last?.last, last.rdnIndex == attribute.rdnIndex {
                rdns[rdns.count - 1].append(attribute)
            } else {
                rdns.append([attribute])
            }
        }
        return rdns.reversed().map { rdn in
            rdn.map { "\(Self.rfc4514Names[$0.oid] ?? $0.oid)=\(Self.escape($0.value))" }.joined(
                separator: "+")
        }.joined(separator: ",")
    }

    private static func escape(_ value: String) -> String {
        var output = ""
        let scalars = Array(value.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            switch scalar {
            case ",", "+", "\"", "\\", "<", ">", ";":
                output += "\\\(scalar)"
            case "#" where index == 0, " " where index == 0 || index == scalars.count - 1:
                output += "\\\(scalar)"
            case "\u{0}":
                output += "\\00"
            default:
                output.unicodeScalars.append(scalar)
            }
        }
        return output
    }
}
