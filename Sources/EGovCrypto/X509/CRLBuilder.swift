import COpenSSL
import EGovCore
import Foundation

/// Builds and signs X.509 v2 certificate revocation lists.
///
/// Writes the CRL number and the authority key identifier (the issuer's SKI) as non-critical
/// extensions; entries are sorted by serial number as OpenSSL requires. Signature algorithms are
/// those of ``CertificateBuilder`` (SM2 with an explicit distinguishing ID).
public struct CRLBuilder: Sendable {
    /// One revoked certificate.
    public struct Entry: Sendable, Hashable {
        /// Serial number, hex (either case).
        public var serialNumber: String
        /// When the certificate was revoked.
        public var revocationDate: Date

        /// Creates an entry.
        public init(serialNumber: String, revocationDate: Date) {
            self.serialNumber = serialNumber
            self.revocationDate = revocationDate
        }
    }

    /// Issue time.
    public var thisUpdate: Date
    /// Time of the next scheduled CRL; `nil` omits the field.
    public var nextUpdate: Date?
    /// The CRL number (monotonically increasing), non-negative.
    public var crlNumber: Int
    /// Revoked certificates.
    public var entries: [Entry] = []

    /// Creates a builder.
    public init(thisUpdate: Date, nextUpdate: Date?, crlNumber: Int = 1, entries: [Entry] = []) {
        self.thisUpdate = thisUpdate
        self.nextUpdate = nextUpdate
        self.crlNumber = crlNumber
        self.entries = entries
    }

    /// Signs the CRL as `issuer` with `key`.
    public func sign(
        issuer: Certificate, key: PrivateKey, sm2ID: SM2DistinguishingID = .default
    ) throws(CryptoError) -> CertificateRevocationList {
        guard crlNumber >= 0 else { throw .malformedCRL("CRL number must not be negative") }
        guard let crl = X509_CRL_new() else { throw OpenSSL.failure("X509_CRL_new") }
        defer { X509_CRL_free(crl) }
        guard X509_CRL_set_version(crl, 1) == 1,
            X509_CRL_set_issuer_name(crl, X509_get_subject_name(issuer.handle.pointer)) == 1
        else { throw OpenSSL.failure("X509_CRL_set_version/issuer") }
        let start = try X509Support.time(thisUpdate)
        defer { ASN1_TIME_free(start) }
        guard X509_CRL_set1_lastUpdate(crl, start) == 1 else {
            throw OpenSSL.failure("X509_CRL_set1_lastUpdate")
        }
        if let nextUpdate {
            let next = try X509Support.time(nextUpdate)
            defer { ASN1_TIME_free(next) }
            guard X509_CRL_set1_nextUpdate(crl, next) == 1 else {
                throw OpenSSL.failure("X509_CRL_set1_nextUpdate")
            }
        }
        for entry in entries {
            guard
                let magnitude = Hex.decode(
                    entry.serialNumber.count % 2 == 1 ? "0" + entry.serialNumber : entry.serialNumber),
                !magnitude.isEmpty
            else { throw .malformedCRL("serial number is not hex") }
            guard let revoked = X509_REVOKED_new() else { throw OpenSSL.failure("X509_REVOKED_new") }
            do throws(CryptoError) {
                let serial = try X509Support.integer(magnitude: magnitude)
                defer { ASN1_INTEGER_free(serial) }
                let date = try X509Support.time(entry.revocationDate)
                defer { ASN1_TIME_free(date) }
                guard X509_REVOKED_set_serialNumber(revoked, serial) == 1,
                    X509_REVOKED_set_revocationDate(revoked, date) == 1,
                    X509_CRL_add0_revoked(crl, revoked) == 1
                else { throw OpenSSL.failure("X509_REVOKED") }
            } catch {
                X509_REVOKED_free(revoked)
                throw error
            }
        }
        guard X509_CRL_sort(crl) == 1 else { throw OpenSSL.failure("X509_CRL_sort") }
        let number = try X509Support.integer(magnitude: CertificateBuilder.bigEndian(crlNumber))
        defer { ASN1_INTEGER_free(number) }
        guard X509_CRL_add1_ext_i2d(crl, NID_crl_number, number, 0, UInt(X509V3_ADD_DEFAULT)) == 1
        else {
            throw OpenSSL.failure("CRL number")
        }
        if let identifier = issuer.subjectKeyIdentifier {
            guard let value = AUTHORITY_KEYID_new() else { throw OpenSSL.failure("AUTHORITY_KEYID_new") }
            defer { AUTHORITY_KEYID_free(value) }
            value.pointee.keyid = try CertificateBuilder.octetString(identifier)
            guard
                X509_CRL_add1_ext_i2d(crl, NID_authority_key_identifier, value, 0, UInt(X509V3_ADD_DEFAULT))
                    == 1
            else {
                throw OpenSSL.failure("CRL authority key identifier")
            }
        }
        try X509Support.withSigningContext(key, sm2ID: sm2ID) { (context) throws(CryptoError) in
            guard X509_CRL_sign_ctx(crl, context) > 0 else { throw OpenSSL.failure("X509_CRL_sign_ctx") }
        }
        let der = try OpenSSL.i2d("i2d_X509_CRL") { i2d_X509_CRL(crl, $0) }
        return try CertificateRevocationList(derRepresentation: der)
    }
}
