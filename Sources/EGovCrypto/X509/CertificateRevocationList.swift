import COpenSSL
import Foundation

/// An X.509 certificate revocation list (RFC 5280 section 5), parsed by OpenSSL.
///
/// Limits: the DER may be at most ``maximumDERLength`` bytes and hold at most
/// ``maximumEntries`` revoked entries. Equality uses the DER encoding.
public struct CertificateRevocationList: Sendable, Hashable, CustomStringConvertible {
    let handle: X509CRLHandle

    /// Largest accepted CRL DER (16 MiB).
    public static let maximumDERLength = 16 * 1024 * 1024
    /// Most revoked entries accepted.
    public static let maximumEntries = 500_000

    /// The DER encoding.
    public let derRepresentation: [UInt8]
    /// The CRL issuer name.
    public let issuer: DistinguishedName
    /// When this CRL was issued.
    public let thisUpdate: Date
    /// When the next CRL is due, if stated.
    public let nextUpdate: Date?
    /// Serial numbers of the revoked certificates, lowercase hex (same form as
    /// ``Certificate/serialNumber``), in CRL order.
    public let revokedSerialNumbers: [String]
    /// When each listed serial number (lowercase hex) was revoked.
    public let revocationDates: [String: Date]
    /// The CRL number extension as lowercase hex, if present.
    public let crlNumber: String?
    /// The authority key identifier, if present.
    public let authorityKeyIdentifier: [UInt8]?
    /// The signature algorithm OID.
    public let signatureAlgorithmOID: String
    /// What this CRL covers; among CRLs of one scope only the newest counts (see ``newest(_:)``).
    let scope: Scope

    /// The issuer and coverage of a CRL: issuer name (DER), authority key identifier, whether it
    /// is a delta CRL, and its issuing distribution point (extension value DER).
    struct Scope: Hashable {
        let issuer: [UInt8]
        let authorityKeyIdentifier: [UInt8]?
        let isDelta: Bool
        let issuingDistributionPoint: [UInt8]?
    }

    /// Parses a DER-encoded CRL. Trailing bytes and BER (e.g. non-minimal lengths) are refused
    /// with ``CryptoError/malformedDER(what:)`` (`CertificateList: not DER`).
    public init(derRepresentation der: some DataProtocol) throws(CryptoError) {
        let bytes = der.egovBytes
        guard bytes.count <= Self.maximumDERLength else {
            throw .inputTooLarge(what: "CRL DER", limit: Self.maximumDERLength)
        }
        let pointer = try OpenSSL.d2i(bytes, what: "CertificateList") {
            d2i_X509_CRL(nil, $0, $1)
        } release: {
            X509_CRL_free($0)
        }
        handle = X509CRLHandle(taking: pointer)
        derRepresentation = bytes
        // DER only, checked on a private copy (see Certificate.init(derRepresentation:)): the
        // re-encoding marks the cached encoding modified, which is unsafe on a shared CRL.
        let scratch = try OpenSSL.d2i(bytes, what: "CertificateList") {
            d2i_X509_CRL(nil, $0, $1)
        } release: {
            X509_CRL_free($0)
        }
        defer { X509_CRL_free(scratch) }
        try OpenSSL.requireDER(bytes, what: "CertificateList") {
            i2d_re_X509_CRL_tbs(scratch, $0)
        } encode: {
            i2d_X509_CRL(scratch, $0)
        }
        // RFC 5280 section 5.1.2.1: the version, when present, is v2 (OpenSSL reports an absent
        // version as 0 and accepts any integer).
        guard (0...1).contains(X509_CRL_get_version(pointer)) else { throw .malformedCRL("version") }
        issuer = try Self.wrap { () throws(CryptoError) in
            try DistinguishedName(name: X509_CRL_get_issuer(pointer))
        }
        guard let issued = X509Support.date(X509_CRL_get0_lastUpdate(pointer)) else {
            throw .malformedCRL("thisUpdate")
        }
        thisUpdate = issued
        if let next = X509_CRL_get0_nextUpdate(pointer) {
            guard let date = X509Support.date(next) else { throw .malformedCRL("nextUpdate") }
            nextUpdate = date
        } else {
            nextUpdate = nil
        }
        var outer: UnsafePointer<X509_ALGOR>?
        X509_CRL_get0_signature(pointer, nil, &outer)
        var object: OpaquePointer?
        X509_ALGOR_get0(&object, nil, nil, outer)
        guard let oid = X509Support.oidText(object) else { throw .malformedCRL("signature algorithm") }
        signatureAlgorithmOID = oid

        var serials: [String] = []
        var dates: [String: Date] = [:]
        if let stack = X509_CRL_get_REVOKED(pointer) {
            let count = OPENSSL_sk_num(stack)
            guard count <= Self.maximumEntries else {
                throw .malformedCRL("more than \(Self.maximumEntries) entries")
            }
            serials.reserveCapacity(Int(max(count, 0)))
            for index in 0..<count {
                guard let entry = OPENSSL_sk_value(stack, index),
                    let serial = X509Support.integerHex(X509_REVOKED_get0_serialNumber(OpaquePointer(entry)))
                else { throw .malformedCRL("revoked entry") }
                guard let revoked = X509Support.date(X509_REVOKED_get0_revocationDate(OpaquePointer(entry))) else {
                    throw .malformedCRL("revocation date of an entry")
                }
                serials.append(serial)
                dates[serial] = revoked
            }
        }
        revokedSerialNumbers = serials
        revocationDates = dates

        var critical: Int32 = 0
        if let raw = X509_CRL_get_ext_d2i(pointer, NID_crl_number, &critical, nil) {
            let number = raw.assumingMemoryBound(to: ASN1_INTEGER.self)
            defer { ASN1_INTEGER_free(number) }
            crlNumber = X509Support.integerHex(number)
        } else {
            OpenSSL.clearErrors()
            guard critical == -1 else { throw .malformedCRL("CRL number extension") }
            crlNumber = nil
        }
        if let raw = X509_CRL_get_ext_d2i(pointer, NID_authority_key_identifier, &critical, nil) {
            let identifier = raw.assumingMemoryBound(to: AUTHORITY_KEYID.self)
            defer { AUTHORITY_KEYID_free(identifier) }
            authorityKeyIdentifier = identifier.pointee.keyid.map { X509Support.bytes(of: $0) }
        } else {
            OpenSSL.clearErrors()
            guard critical == -1 else { throw .malformedCRL("authority key identifier extension") }
            authorityKeyIdentifier = nil
        }
        let issuerDER: [UInt8]
        do {
            issuerDER = try OpenSSL.i2d("i2d_X509_NAME") { i2d_X509_NAME(X509_CRL_get_issuer(pointer), $0) }
        } catch { throw .malformedCRL("issuer name") }
        let distributionPoint = X509_CRL_get_ext_by_NID(pointer, NID_issuing_distribution_point, -1)
        scope = Scope(
            issuer: issuerDER, authorityKeyIdentifier: authorityKeyIdentifier,
            isDelta: X509_CRL_get_ext_by_NID(pointer, NID_delta_crl, -1) >= 0,
            issuingDistributionPoint: distributionPoint < 0
                ? nil : X509Support.bytes(of: X509_EXTENSION_get_data(X509_CRL_get_ext(pointer, distributionPoint))))
        OpenSSL.clearErrors()
    }

    /// The CRLs that decide revocation: of the CRLs of one `Scope` (issuer and authority key,
    /// complete or delta, issuing distribution point), only the newest — the highest cRLNumber,
    /// then the latest thisUpdate (a CRL without cRLNumber ranks below any with one); remaining
    /// ties go to the CRL with more entries, then to the smaller DER. The result is in a fixed
    /// order, so the order of `crls` never changes the outcome (OpenSSL would otherwise use the
    /// first of equally timed CRLs).
    public static func newest(_ crls: [CertificateRevocationList]) -> [CertificateRevocationList] {
        var chosen: [Scope: CertificateRevocationList] = [:]
        for crl in crls {
            if let current = chosen[crl.scope], !crl.isNewer(than: current) { continue }
            chosen[crl.scope] = crl
        }
        return chosen.values.sorted { $0.derRepresentation.lexicographicallyPrecedes($1.derRepresentation) }
    }

    /// Whether this CRL supersedes `other` of the same scope (see ``newest(_:)``).
    func isNewer(than other: CertificateRevocationList) -> Bool {
        let (mine, theirs) = (Self.numberKey(crlNumber), Self.numberKey(other.crlNumber))
        if mine != theirs { return mine.count != theirs.count ? mine.count > theirs.count : mine > theirs }
        if thisUpdate != other.thisUpdate { return thisUpdate > other.thisUpdate }
        if revokedSerialNumbers.count != other.revokedSerialNumbers.count {
            return revokedSerialNumbers.count > other.revokedSerialNumbers.count
        }
        return derRepresentation.lexicographicallyPrecedes(other.derRepresentation)
    }

    /// A cRLNumber as comparable hex: leading zeros dropped; "" when absent, ranking below "0".
    private static func numberKey(_ number: String?) -> String {
        guard let number else { return "" }
        let digits = number.drop { $0 == "0" }
        return digits.isEmpty ? "0" : String(digits)
    }

    /// Parses a PEM `X509 CRL` block (exactly one).
    public init(pemRepresentation pem: String) throws(CryptoError) {
        let document = try PEMDocument(parsing: pem, limit: Self.maximumDERLength * 4 / 3 + 64 * 1024)
        guard document.label == "X509 CRL" else {
            throw .unexpectedPEMLabel(found: document.label, expected: ["X509 CRL"])
        }
        try self.init(derRepresentation: document.der)
    }

    /// The PEM `X509 CRL` encoding.
    public var pemRepresentation: String {
        PEMDocument(label: "X509 CRL", der: derRepresentation).pemString
    }

    /// Whether `serialNumber` (hex, either case, leading zeros ignored) is listed as revoked.
    public func isRevoked(serialNumber: String) -> Bool {
        var normalised = serialNumber.lowercased()
        while normalised.count > 2, normalised.hasPrefix("00") { normalised.removeFirst(2) }
        return revokedSerialNumbers.contains(normalised)
    }

    /// When `serialNumber` (hex, either case, leading zeros ignored) was revoked, if it is listed.
    public func revocationDate(of serialNumber: String) -> Date? {
        var normalised = serialNumber.lowercased()
        while normalised.count > 2, normalised.hasPrefix("00") { normalised.removeFirst(2) }
        return revocationDates[normalised]
    }

    /// Whether `certificate`'s key signed this CRL and the names match.
    ///
    /// SM2-signed CRLs are verified with `sm2ID` (OpenSSL's own CRL check would use an empty ID).
    public func isSignedBy(_ certificate: Certificate, sm2ID: SM2DistinguishingID = .default) -> Bool {
        guard
            X509_NAME_cmp(
                X509_CRL_get_issuer(handle.pointer), X509_get_subject_name(certificate.handle.pointer)) == 0
        else { return false }
        if signatureAlgorithmOID == X509Support.sm2WithSM3OID {
            guard certificate.publicKey.keyType == .sm2, let parts = Self.signedParts(derRepresentation)
            else {
                return false
            }
            let valid = try? SignatureEngine.verify(
                parts.signature, message: parts.tbs, key: certificate.publicKey.key, algorithm: .sm2,
                sm2ID: sm2ID)
            return valid == true
        }
        let result = X509_CRL_verify(handle.pointer, certificate.publicKey.key.pointer)
        OpenSSL.clearErrors()
        return result == 1
    }

    public var description: String {
        "CertificateRevocationList(entries: \(revokedSerialNumbers.count), thisUpdate: \(thisUpdate))"
    }

    public static func == (lhs: CertificateRevocationList, rhs: CertificateRevocationList) -> Bool {
        lhs.derRepresentation == rhs.derRepresentation
    }

    public func hash(into hasher: inout Hasher) { hasher.combine(derRepresentation) }

    /// Maps name errors to CRL errors.
    private static func wrap<T>(_ body: () throws(CryptoError) -> T) throws(CryptoError) -> T {
        do { return try body() } catch { throw .malformedCRL("issuer name") }
    }

    /// Splits a signed structure `SEQUENCE { tbs, algorithm, BIT STRING }` into the exact TBS
    /// bytes and the signature bytes (the BIT STRING must have no unused bits).
    static func signedParts(_ der: [UInt8]) -> (tbs: [UInt8], signature: [UInt8])? {
        guard let outer = X509Support.readTLV(der, at: 0, end: der.count), outer.tag == V_ASN1_SEQUENCE
        else { return nil }
        let end = outer.contentStart + outer.contentLength
        guard let tbs = X509Support.readTLV(der, at: outer.contentStart, end: end),
            tbs.tag == V_ASN1_SEQUENCE
        else {
            return nil
        }
        let tbsEnd = tbs.contentStart + tbs.contentLength
        guard let algorithm = X509Support.readTLV(der, at: tbsEnd, end: end),
            algorithm.tag == V_ASN1_SEQUENCE
        else {
            return nil
        }
        let algorithmEnd = algorithm.contentStart + algorithm.contentLength
        guard let bits = X509Support.readTLV(der, at: algorithmEnd, end: end),
            bits.tag == V_ASN1_BIT_STRING,
            bits.contentLength >= 1, bits.contentStart + bits.contentLength == end,
            der[bits.contentStart] == 0
        else { return nil }
        return (
            Array(der[outer.contentStart..<tbsEnd]),
            Array(der[(bits.contentStart + 1)..<(bits.contentStart + bits.contentLength)])
        )
    }
}
