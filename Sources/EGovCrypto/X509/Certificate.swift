import COpenSSL
import Foundation

/// An X.509 v3 certificate (RFC 5280) parsed by OpenSSL.
///
/// All fields are decoded once, when the value is created; a certificate that OpenSSL flags as
/// invalid (duplicate extensions, undecodable basic constraints, key usage or extended key
/// usage, mismatching signature algorithms) is refused with
/// ``CryptoError/malformedCertificate(_:)`` rather than partially accepted.
///
/// Limits: one certificate DER at most ``maximumDERLength`` bytes; a PEM bundle at most
/// ``maximumBundleLength`` bytes and ``maximumBundleCount`` certificates.
///
/// Equality and hashing use the DER encoding. The ``description`` shows only the serial number
/// and validity (no names: subject names usually carry personal data).
public struct Certificate: Sendable, Hashable, CustomStringConvertible {
    let handle: X509Handle

    /// Largest accepted certificate DER (64 KiB).
    public static let maximumDERLength = 64 * 1024
    /// Largest accepted PEM bundle text (4 MiB).
    public static let maximumBundleLength = 4 * 1024 * 1024
    /// Most certificates accepted in one PEM bundle.
    public static let maximumBundleCount = 256

    /// The DER encoding.
    public let derRepresentation: [UInt8]
    /// The subject name.
    public let subject: DistinguishedName
    /// The issuer name.
    public let issuer: DistinguishedName
    /// The serial number as lowercase hex without leading zero bytes.
    public let serialNumber: String
    /// Start of the validity period.
    public let notBefore: Date
    /// End of the validity period.
    public let notAfter: Date
    /// The key usage bits, or `nil` when the extension is absent.
    public let keyUsage: KeyUsage?
    /// Whether the key usage extension is marked critical (`false` when absent).
    public let isKeyUsageCritical: Bool
    /// Extended key usage purposes as dotted OIDs (see ``ExtendedKeyUsage``); empty when the
    /// extension is absent (it cannot be present and empty).
    public let extendedKeyUsage: [String]
    /// Whether the extended key usage extension is marked critical (`false` when absent).
    public let isExtendedKeyUsageCritical: Bool
    /// Subject alternative names, in order; empty when the extension is absent.
    public let subjectAlternativeNames: [GeneralName]
    /// Certificate policy OIDs, in order; empty when the extension is absent.
    public let policies: [String]
    /// Whether the qcStatements extension (1.3.6.1.5.5.7.1.3, ETSI EN 319 412-5) is present.
    public let hasQCStatements: Bool
    /// The statement IDs of the qcStatements extension (e.g. `0.4.0.1862.1.1` QcCompliance),
    /// empty when absent.
    public let qcStatementOIDs: [String]
    /// The subject key identifier, if present.
    public let subjectKeyIdentifier: [UInt8]?
    /// The key identifier of the authority key identifier extension, if present.
    public let authorityKeyIdentifier: [UInt8]?
    /// Whether basic constraints mark this certificate as a CA.
    public let isCA: Bool
    /// The basic constraints path length constraint, if any.
    public let pathLengthConstraint: Int?
    /// The subject public key.
    public let publicKey: PublicKey
    /// The signature algorithm as a dotted OID (e.g. `1.2.840.10045.4.3.2` ecdsa-with-SHA256,
    /// `1.2.156.10197.1.501` SM2-with-SM3).
    public let signatureAlgorithmOID: String
    /// OIDs of all extensions marked critical.
    public let criticalExtensionOIDs: [String]

    /// Parses a DER-encoded certificate. Trailing bytes and BER (e.g. non-minimal lengths) are
    /// refused with ``CryptoError/malformedDER(what:)`` (`Certificate: not DER`).
    ///
    /// - Throws: ``CryptoError/inputTooLarge(what:limit:)``, ``CryptoError/malformedDER(what:)``,
    ///   ``CryptoError/malformedCertificate(_:)``, or a key error when the subject key is not one
    ///   EGovKit supports (P-256, P-384, Ed25519, RSA >= 2048, SM2).
    public init(derRepresentation der: some DataProtocol) throws(CryptoError) {
        let bytes = der.egovBytes
        guard bytes.count <= Self.maximumDERLength else {
            throw .inputTooLarge(what: "certificate DER", limit: Self.maximumDERLength)
        }
        let pointer = try X509Handle.decode(bytes)
        let handle = X509Handle(taking: pointer)
        self.handle = handle
        self.derRepresentation = bytes
        // DER only: re-encoding (tbsCertificate included, not OpenSSL's cached copy) must give
        // the input back, so the fingerprint is the one every other tool computes. The check runs
        // on a private copy: i2d_re_X509_tbs marks the cached encoding modified, after which
        // OpenSSL re-encodes (and replaces) it on every verification, which is a data race on a
        // certificate shared between threads.
        let scratch = try X509Handle.decode(bytes)
        defer { X509_free(scratch) }
        try OpenSSL.requireDER(bytes, what: "Certificate") {
            i2d_re_X509_tbs(scratch, $0)
        } encode: {
            i2d_X509(scratch, $0)
        }

        // Populates OpenSSL's extension cache now, while this value is still private.
        let flags = X509_get_extension_flags(pointer)
        guard flags & UInt32(EXFLAG_INVALID) == 0 else {
            OpenSSL.clearErrors()
            throw .malformedCertificate("invalid or duplicate extensions")
        }
        guard X509_get_version(pointer) == 2 || X509_get_ext_count(pointer) == 0 else {
            throw .malformedCertificate("extensions in a certificate that is not version 3")
        }
        subject = try DistinguishedName(name: X509_get_subject_name(pointer))
        issuer = try DistinguishedName(name: X509_get_issuer_name(pointer))
        guard let serial = X509Support.integerHex(X509_get0_serialNumber(pointer)) else {
            throw .malformedCertificate("serial number")
        }
        serialNumber = serial
        guard let start = X509Support.date(X509_get0_notBefore(pointer)),
            let end = X509Support.date(X509_get0_notAfter(pointer))
        else { throw .malformedCertificate("validity times") }
        notBefore = start
        notAfter = end

        // Signature algorithm: the outer and the TBS algorithm identifiers must agree.
        var outerAlgorithm: UnsafePointer<X509_ALGOR>?
        X509_get0_signature(nil, &outerAlgorithm, pointer)
        guard let outerAlgorithm, let innerAlgorithm = X509_get0_tbs_sigalg(pointer),
            X509_ALGOR_cmp(outerAlgorithm, innerAlgorithm) == 0
        else { throw .malformedCertificate("signature algorithm fields disagree") }
        var algorithmObject: OpaquePointer?
        X509_ALGOR_get0(&algorithmObject, nil, nil, outerAlgorithm)
        guard let oid = X509Support.oidText(algorithmObject) else {
            throw .malformedCertificate("signature algorithm")
        }
        signatureAlgorithmOID = oid

        // Critical extensions.
        var critical: [String] = []
        let extensionCount = X509_get_ext_count(pointer)
        for index in 0..<max(extensionCount, 0) {
            guard let ext = X509_get_ext(pointer, index) else { continue }
            if X509_EXTENSION_get_critical(ext) == 1,
                let oid = X509Support.oidText(X509_EXTENSION_get_object(ext))
            {
                critical.append(oid)
            }
        }
        criticalExtensionOIDs = critical

        // Key usage.
        if flags & UInt32(EXFLAG_KUSAGE) != 0 {
            keyUsage = KeyUsage(openSSLBits: X509_get_key_usage(pointer))
            isKeyUsageCritical = critical.contains("2.5.29.15")
        } else {
            keyUsage = nil
            isKeyUsageCritical = false
        }

        // Extended key usage.
        var oids: [String] = []
        if let raw = try Self.extensionValue(pointer, NID_ext_key_usage) {
            let stack = OpaquePointer(raw)
            defer { OPENSSL_sk_pop_free(stack) { ASN1_OBJECT_free(OpaquePointer($0)) } }
            for index in 0..<OPENSSL_sk_num(stack) {
                guard let oid = X509Support.oidText(OpaquePointer(OPENSSL_sk_value(stack, index))) else {
                    throw .malformedCertificate("extended key usage")
                }
                oids.append(oid)
            }
            guard !oids.isEmpty else { throw .malformedCertificate("empty extended key usage") }
        }
        extendedKeyUsage = oids
        isExtendedKeyUsageCritical = critical.contains("2.5.29.37")

        // Subject alternative names.
        var names: [GeneralName] = []
        if let raw = try Self.extensionValue(pointer, NID_subject_alt_name) {
            let stack = OpaquePointer(raw)
            defer { GENERAL_NAMES_free(stack) }
            for index in 0..<OPENSSL_sk_num(stack) {
                guard let value = OPENSSL_sk_value(stack, index) else { continue }
                names.append(try GeneralName(value.assumingMemoryBound(to: GENERAL_NAME.self)))
            }
        }
        subjectAlternativeNames = names

        // Certificate policies.
        var policyOIDs: [String] = []
        if let raw = try Self.extensionValue(pointer, NID_certificate_policies) {
            let stack = OpaquePointer(raw)
            defer { CERTIFICATEPOLICIES_free(stack) }
            for index in 0..<OPENSSL_sk_num(stack) {
                guard let info = OPENSSL_sk_value(stack, index)?.assumingMemoryBound(to: POLICYINFO.self),
                    let oid = X509Support.oidText(info.pointee.policyid)
                else { throw .malformedCertificate("certificate policies") }
                policyOIDs.append(oid)
            }
        }
        policies = policyOIDs

        // QC statements (RFC 3739 / ETSI EN 319 412-5).
        let qcIndex = try Self.extensionIndex(pointer, oid: X509Support.qcStatementsOID)
        if let qcIndex, let ext = X509_get_ext(pointer, qcIndex) {
            hasQCStatements = true
            let value = X509Support.bytes(of: X509_EXTENSION_get_data(ext))
            guard let statements = Self.qcStatementIDs(value) else {
                throw .malformedCertificate("qcStatements extension")
            }
            qcStatementOIDs = statements
        } else {
            hasQCStatements = false
            qcStatementOIDs = []
        }

        // Key identifiers.
        subjectKeyIdentifier = X509_get0_subject_key_id(pointer).map { X509Support.bytes(of: $0) }
        authorityKeyIdentifier = X509_get0_authority_key_id(pointer).map { X509Support.bytes(of: $0) }

        // Basic constraints.
        if let raw = try Self.extensionValue(pointer, NID_basic_constraints) {
            let constraints = raw.assumingMemoryBound(to: BASIC_CONSTRAINTS.self)
            defer { BASIC_CONSTRAINTS_free(constraints) }
            isCA = constraints.pointee.ca != 0
            if let length = constraints.pointee.pathlen {
                let value = ASN1_INTEGER_get(length)
                guard value >= 0, value <= Int(Int32.max) else {
                    OpenSSL.clearErrors()
                    throw .malformedCertificate("basic constraints path length")
                }
                pathLengthConstraint = value
            } else {
                pathLengthConstraint = nil
            }
        } else {
            isCA = false
            pathLengthConstraint = nil
        }

        // Public key.
        guard let key = X509_get_pubkey(pointer) else {
            OpenSSL.clearErrors()
            throw .malformedCertificate("undecodable subject public key")
        }
        publicKey = try PublicKey(key: EVPKey(taking: key))
    }

    /// Parses a PEM `CERTIFICATE` block (exactly one).
    public init(pemRepresentation pem: String) throws(CryptoError) {
        let document = try PEMDocument(parsing: pem, limit: 2 * Self.maximumDERLength)
        guard document.label == "CERTIFICATE" else {
            throw .unexpectedPEMLabel(found: document.label, expected: ["CERTIFICATE"])
        }
        try self.init(derRepresentation: document.der)
    }

    /// Parses a bundle of PEM `CERTIFICATE` blocks, in order. Every block must be a certificate.
    public static func parseBundle(pemRepresentation pem: String) throws(CryptoError) -> [Certificate] {
        let documents = try PEMDocument.parseAll(pem, limit: maximumBundleLength)
        guard documents.count <= maximumBundleCount else {
            throw .malformedPEM("more than \(maximumBundleCount) certificates in one bundle")
        }
        var certificates: [Certificate] = []
        for document in documents {
            guard document.label == "CERTIFICATE" else {
                throw .unexpectedPEMLabel(found: document.label, expected: ["CERTIFICATE"])
            }
            certificates.append(try Certificate(derRepresentation: document.der))
        }
        return certificates
    }

    /// The PEM `CERTIFICATE` encoding.
    public var pemRepresentation: String {
        PEMDocument(label: "CERTIFICATE", der: derRepresentation).pemString
    }

    /// Whether subject and issuer names are equal (a self-issued certificate, RFC 5280 section 3.2).
    public var isSelfIssued: Bool {
        X509_NAME_cmp(X509_get_subject_name(handle.pointer), X509_get_issuer_name(handle.pointer)) == 0
    }

    /// Whether the signature is by an SM2 key (SM2-with-SM3).
    var isSM2Signed: Bool { signatureAlgorithmOID == X509Support.sm2WithSM3OID }

    /// The digest of the DER encoding.
    public func fingerprint(_ hash: HashAlgorithm) -> [UInt8] { hash.hash(derRepresentation) }

    /// A JSON-friendly summary of the certificate (used by `egov x509 show`).
    public var summary: CertificateSummary { CertificateSummary(self) }

    public var description: String {
        "Certificate(serial: \(serialNumber), notBefore: \(notBefore), notAfter: \(notAfter))"
    }

    public static func == (lhs: Certificate, rhs: Certificate) -> Bool {
        lhs.derRepresentation == rhs.derRepresentation
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(derRepresentation) }

    /// Decodes the extension `nid`; `nil` when absent; throws when duplicated or undecodable.
    private static func extensionValue(_ pointer: OpaquePointer, _ nid: Int32) throws(CryptoError)
        -> UnsafeMutableRawPointer?
    {
        var critical: Int32 = 0
        let value = X509_get_ext_d2i(pointer, nid, &critical, nil)
        if let value { return value }
        OpenSSL.clearErrors()
        switch critical {
        case -1: return nil
        case -2: throw .malformedCertificate("duplicate extension")
        default: throw .malformedCertificate("undecodable extension")
        }
    }

    /// The index of the extension `oid`; `nil` when absent; throws when duplicated.
    private static func extensionIndex(_ pointer: OpaquePointer, oid: String) throws(CryptoError)
        -> Int32?
    {
        let object = try X509Support.object(forOID: oid)
        defer { ASN1_OBJECT_free(object) }
        let first = X509_get_ext_by_OBJ(pointer, object, -1)
        guard first >= 0 else { return nil }
        guard X509_get_ext_by_OBJ(pointer, object, first) < 0 else {
            throw .malformedCertificate("duplicate extension")
        }
        return first
    }

    /// The statement IDs of `QCStatements ::= SEQUENCE OF SEQUENCE { statementId OID, statementInfo ANY OPTIONAL }`.
    static func qcStatementIDs(_ der: [UInt8]) -> [String]? {
        guard let outer = X509Support.readTLV(der, at: 0, end: der.count), outer.tag == V_ASN1_SEQUENCE,
            outer.constructed, outer.contentStart + outer.contentLength == der.count
        else { return nil }
        var ids: [String] = []
        var offset = outer.contentStart
        let end = der.count
        while offset < end {
            guard let statement = X509Support.readTLV(der, at: offset, end: end),
                statement.tag == V_ASN1_SEQUENCE,
                statement.constructed,
                let identifier = X509Support.readTLV(
                    der, at: statement.contentStart, end: statement.contentStart + statement.contentLength),
                identifier.tag == V_ASN1_OBJECT
            else { return nil }
            let oidDER = Array(
                der[statement.contentStart..<(identifier.contentStart + identifier.contentLength)])
            guard
                let object = try? OpenSSL.d2i(
                    oidDER, what: "statementId", { d2i_ASN1_OBJECT(nil, $0, $1) }, release: { ASN1_OBJECT_free($0) })
            else {
                return nil
            }
            defer { ASN1_OBJECT_free(object) }
            guard let oid = X509Support.oidText(object) else { return nil }
            ids.append(oid)
            offset = statement.contentStart + statement.contentLength
            guard ids.count <= 64 else { return nil }
        }
        return ids
    }
}
