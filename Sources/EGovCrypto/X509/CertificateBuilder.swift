import COpenSSL
import Foundation

/// Builds and signs X.509 v3 certificates (for one-time certificates and test PKIs).
///
/// Extensions written, when configured: basicConstraints (always critical), keyUsage (always
/// critical), extendedKeyUsage (critical when ``extendedKeyUsageIsCritical``), subjectAltName,
/// certificatePolicies, subjectKeyIdentifier (RFC 5280 method 1: SHA-1 of the public key bits),
/// authorityKeyIdentifier (the issuer's SKI) and qcStatements (ETSI EN 319 412-5, statements
/// without statementInfo, e.g. QcCompliance and QcSSCD).
///
/// Signatures: ECDSA with SHA-256 (P-256) or SHA-384 (P-384), Ed25519, RSA PKCS #1 v1.5 with
/// SHA-256, and SM2-with-SM3 using an explicit distinguishing ID.
public struct CertificateBuilder: Sendable {
    /// basicConstraints content.
    public enum BasicConstraints: Sendable, Hashable {
        /// `cA = FALSE` (an end-entity certificate).
        case endEntity
        /// `cA = TRUE` with an optional path length constraint.
        case certificateAuthority(pathLength: Int?)
    }

    /// QcCompliance statement ID (ETSI EN 319 412-5), 0.4.0.1862.1.1.
    public static let qcCompliance = "0.4.0.1862.1.1"
    /// QcSSCD statement ID (key in a qualified signature creation device), 0.4.0.1862.1.4.
    public static let qcSSCD = "0.4.0.1862.1.4"

    /// The subject name.
    public var subject: DistinguishedName
    /// The subject public key.
    public var publicKey: PublicKey
    /// Start of validity (whole seconds are used).
    public var notBefore: Date
    /// End of validity (whole seconds are used).
    public var notAfter: Date
    /// The serial number magnitude (big-endian); `nil` draws 16 random bytes with the top bit
    /// cleared (positive, RFC 5280 at most 20 octets).
    public var serialNumber: [UInt8]?
    /// basicConstraints; `nil` omits the extension.
    public var basicConstraints: BasicConstraints?
    /// keyUsage; `nil` omits the extension.
    public var keyUsage: KeyUsage?
    /// Extended key usage OIDs; empty omits the extension.
    public var extendedKeyUsage: [String] = []
    /// Whether the extended key usage extension is critical.
    public var extendedKeyUsageIsCritical = false
    /// Subject alternative names; empty omits the extension.
    public var subjectAlternativeNames: [GeneralName] = []
    /// Certificate policy OIDs; empty omits the extension.
    public var policies: [String] = []
    /// QC statement IDs (statements without statementInfo); empty omits the extension.
    public var qcStatements: [String] = []
    /// Whether to write a subjectKeyIdentifier.
    public var includeSubjectKeyIdentifier = true

    /// Creates a builder with the mandatory fields.
    public init(subject: DistinguishedName, publicKey: PublicKey, notBefore: Date, notAfter: Date) {
        self.subject = subject
        self.publicKey = publicKey
        self.notBefore = notBefore
        self.notAfter = notAfter
    }

    /// Signs the certificate.
    ///
    /// - Parameters:
    ///   - key: the issuer's private key (the subject's own key when `issuer` is `nil`).
    ///   - issuer: the issuing certificate, or `nil` for a self-signed certificate. Its subject
    ///     becomes the issuer name and its SKI the authority key identifier.
    ///   - sm2ID: the distinguishing ID for SM2 signatures.
    public func sign(
        with key: PrivateKey, issuer: Certificate? = nil, sm2ID: SM2DistinguishingID = .default
    ) throws(CryptoError) -> Certificate {
        guard notBefore <= notAfter else { throw .malformedCertificate("notBefore is after notAfter") }
        if issuer == nil, key.publicKey != publicKey {
            throw .malformedCertificate("a self-signed certificate must be signed with the subject's key")
        }
        guard let x509 = X509_new() else { throw OpenSSL.failure("X509_new") }
        defer { X509_free(x509) }
        guard X509_set_version(x509, 2) == 1 else { throw OpenSSL.failure("X509_set_version") }

        let serialBytes: [UInt8]
        if let serialNumber {
            guard !serialNumber.isEmpty, serialNumber.count <= 20,
                serialNumber.contains(where: { $0 != 0 })
            else {
                throw .malformedCertificate("serial number must be 1...20 bytes and non-zero")
            }
            serialBytes = serialNumber
        } else {
            var random: [UInt8]
            do { random = try SecureRandom.bytes(count: 16) } catch {
                throw OpenSSL.failure("random serial")
            }
            random[0] = (random[0] & 0x7F) | 0x01
            serialBytes = random
        }
        let serial = try X509Support.integer(magnitude: serialBytes)
        defer { ASN1_INTEGER_free(serial) }
        guard X509_set_serialNumber(x509, serial) == 1 else {
            throw OpenSSL.failure("X509_set_serialNumber")
        }

        let subjectName = try subject.makeX509Name()
        defer { X509_NAME_free(subjectName) }
        guard X509_set_subject_name(x509, subjectName) == 1 else {
            throw OpenSSL.failure("X509_set_subject_name")
        }
        if let issuer {
            guard X509_set_issuer_name(x509, X509_get_subject_name(issuer.handle.pointer)) == 1 else {
                throw OpenSSL.failure("X509_set_issuer_name")
            }
        } else {
            guard X509_set_issuer_name(x509, subjectName) == 1 else {
                throw OpenSSL.failure("X509_set_issuer_name")
            }
        }
        let start = try X509Support.time(notBefore)
        defer { ASN1_TIME_free(start) }
        let end = try X509Support.time(notAfter)
        defer { ASN1_TIME_free(end) }
        guard X509_set1_notBefore(x509, start) == 1, X509_set1_notAfter(x509, end) == 1 else {
            throw OpenSSL.failure("X509_set1_notBefore/notAfter")
        }
        guard X509_set_pubkey(x509, publicKey.key.pointer) == 1 else {
            throw OpenSSL.failure("X509_set_pubkey")
        }

        try addExtensions(x509, issuer: issuer)

        try X509Support.withSigningContext(key, sm2ID: sm2ID) { (context) throws(CryptoError) in
            guard X509_sign_ctx(x509, context) > 0 else { throw OpenSSL.failure("X509_sign_ctx") }
        }
        let der = try OpenSSL.i2d("i2d_X509") { i2d_X509(x509, $0) }
        return try Certificate(derRepresentation: der)
    }

    private func addExtensions(_ x509: OpaquePointer, issuer: Certificate?) throws(CryptoError) {
        if let basicConstraints {
            guard let value = BASIC_CONSTRAINTS_new() else {
                throw OpenSSL.failure("BASIC_CONSTRAINTS_new")
            }
            defer { BASIC_CONSTRAINTS_free(value) }
            if case .certificateAuthority(let pathLength) = basicConstraints {
                value.pointee.ca = 0xFF
                if let pathLength {
                    guard pathLength >= 0, pathLength <= 1000 else {
                        throw .malformedCertificate("path length must be 0...1000")
                    }
                    value.pointee.pathlen = try X509Support.integer(
                        magnitude: pathLength == 0 ? [0] : Self.bigEndian(pathLength))
                }
            }
            try add(x509, NID_basic_constraints, value, critical: true)
        }
        if let keyUsage {
            guard !keyUsage.isEmpty else { throw .malformedCertificate("keyUsage must not be empty") }
            guard let bits = ASN1_BIT_STRING_new() else { throw OpenSSL.failure("ASN1_BIT_STRING_new") }
            defer { ASN1_BIT_STRING_free(bits) }
            for bit in 0..<9 where keyUsage.rawValue & (1 << UInt16(bit)) != 0 {
                guard ASN1_BIT_STRING_set_bit(bits, Int32(bit), 1) == 1 else {
                    throw OpenSSL.failure("ASN1_BIT_STRING_set_bit")
                }
            }
            try add(x509, NID_key_usage, bits, critical: true)
        }
        if !extendedKeyUsage.isEmpty {
            guard let stack = OPENSSL_sk_new_null() else { throw OpenSSL.failure("OPENSSL_sk_new_null") }
            defer { OPENSSL_sk_pop_free(stack) { ASN1_OBJECT_free(OpaquePointer($0)) } }
            for oid in extendedKeyUsage {
                let object = try X509Support.object(forOID: oid)
                guard OPENSSL_sk_push(stack, UnsafeRawPointer(object)) > 0 else {
                    ASN1_OBJECT_free(object)
                    throw OpenSSL.failure("OPENSSL_sk_push")
                }
            }
            try add(
                x509, NID_ext_key_usage, UnsafeMutableRawPointer(stack),
                critical: extendedKeyUsageIsCritical)
        }
        if !subjectAlternativeNames.isEmpty {
            guard let stack = OPENSSL_sk_new_null() else { throw OpenSSL.failure("OPENSSL_sk_new_null") }
            defer { GENERAL_NAMES_free(stack) }
            for name in subjectAlternativeNames {
                let general = try name.makeGeneralName()
                guard OPENSSL_sk_push(stack, UnsafeRawPointer(general)) > 0 else {
                    GENERAL_NAME_free(general)
                    throw OpenSSL.failure("OPENSSL_sk_push")
                }
            }
            // RFC 5280: critical when the subject name is empty.
            try add(
                x509, NID_subject_alt_name, UnsafeMutableRawPointer(stack),
                critical: subject.attributes.isEmpty)
        }
        if !policies.isEmpty {
            guard let stack = OPENSSL_sk_new_null() else { throw OpenSSL.failure("OPENSSL_sk_new_null") }
            defer { CERTIFICATEPOLICIES_free(stack) }
            for oid in policies {
                guard let info = POLICYINFO_new() else { throw OpenSSL.failure("POLICYINFO_new") }
                guard OPENSSL_sk_push(stack, UnsafeRawPointer(info)) > 0 else {
                    POLICYINFO_free(info)
                    throw OpenSSL.failure("OPENSSL_sk_push")
                }
                ASN1_OBJECT_free(info.pointee.policyid)
                info.pointee.policyid = try X509Support.object(forOID: oid)
            }
            try add(x509, NID_certificate_policies, UnsafeMutableRawPointer(stack), critical: false)
        }
        var ownKeyIdentifier: [UInt8]?
        if includeSubjectKeyIdentifier {
            var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
            var length: UInt32 = 0
            guard X509_pubkey_digest(x509, EVP_sha1(), &digest, &length) == 1 else {
                throw OpenSSL.failure("X509_pubkey_digest")
            }
            let identifier = Array(digest.prefix(Int(length)))
            ownKeyIdentifier = identifier
            let octets = try Self.octetString(identifier)
            defer { ASN1_OCTET_STRING_free(octets) }
            try add(x509, NID_subject_key_identifier, octets, critical: false)
        }
        let authorityIdentifier = issuer.map { $0.subjectKeyIdentifier } ?? ownKeyIdentifier
        if let authorityIdentifier {
            guard let value = AUTHORITY_KEYID_new() else { throw OpenSSL.failure("AUTHORITY_KEYID_new") }
            defer { AUTHORITY_KEYID_free(value) }
            value.pointee.keyid = try Self.octetString(authorityIdentifier)
            try add(x509, NID_authority_key_identifier, value, critical: false)
        }
        if !qcStatements.isEmpty {
            var contents: [UInt8] = []
            for oid in qcStatements { contents += X509Support.sequence(try X509Support.encodedOID(oid)) }
            let der = X509Support.sequence(contents)
            let object = try X509Support.object(forOID: X509Support.qcStatementsOID)
            defer { ASN1_OBJECT_free(object) }
            let octets = try Self.octetString(der)
            defer { ASN1_OCTET_STRING_free(octets) }
            guard let ext = X509_EXTENSION_create_by_OBJ(nil, object, 0, octets) else {
                throw OpenSSL.failure("X509_EXTENSION_create_by_OBJ")
            }
            defer { X509_EXTENSION_free(ext) }
            guard X509_add_ext(x509, ext, -1) == 1 else { throw OpenSSL.failure("X509_add_ext") }
        }
    }

    private func add(
        _ x509: OpaquePointer, _ nid: Int32, _ value: UnsafeMutableRawPointer?, critical: Bool
    ) throws(CryptoError) {
        guard X509_add1_ext_i2d(x509, nid, value, critical ? 1 : 0, UInt(X509V3_ADD_DEFAULT)) == 1
        else {
            throw OpenSSL.failure("X509_add1_ext_i2d(\(nid))")
        }
    }

    private func add<T>(
        _ x509: OpaquePointer, _ nid: Int32, _ value: UnsafeMutablePointer<T>, critical: Bool
    ) throws(CryptoError) {
        try add(x509, nid, UnsafeMutableRawPointer(value), critical: critical)
    }

    static func octetString(_ bytes: [UInt8]) throws(CryptoError) -> UnsafeMutablePointer<
        ASN1_OCTET_STRING
    > {
        guard let octets = ASN1_OCTET_STRING_new() else {
            throw OpenSSL.failure("ASN1_OCTET_STRING_new")
        }
        guard bytes.withNonNullBytes({ ASN1_OCTET_STRING_set(octets, $0, Int32($1)) }) == 1 else {
            ASN1_OCTET_STRING_free(octets)
            throw OpenSSL.failure("ASN1_OCTET_STRING_set")
        }
        return octets
    }

    static func bigEndian(_ value: Int) -> [UInt8] {
        var bytes: [UInt8] = []
        var remaining = value
        while remaining > 0 {
            bytes.insert(UInt8(remaining & 0xFF), at: 0)
            remaining >>= 8
        }
        return bytes.isEmpty ? [0] : bytes
    }
}
