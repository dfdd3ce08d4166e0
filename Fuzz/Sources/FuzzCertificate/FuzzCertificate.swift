import EGovCrypto
import Foundation

/// Feeds the input to the X.509 parsers: a certificate from DER, a PEM bundle, and a CRL from DER
/// and PEM. Whatever parses must re-encode to something that parses back equal.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCertificate(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    if let certificate = try? Certificate(derRepresentation: bytes) { check(certificate) }
    if let crl = try? CertificateRevocationList(derRepresentation: bytes) { _ = crl.revokedSerialNumbers.count }
    if let text = String(validating: bytes, as: UTF8.self) {
        if let bundle = try? Certificate.parseBundle(pemRepresentation: text) { bundle.forEach(check) }
        if let crl = try? CertificateRevocationList(pemRepresentation: text) { _ = crl.issuer.description }
    }
    return 0
}

private func check(_ certificate: Certificate) {
    guard let again = try? Certificate(derRepresentation: certificate.derRepresentation) else {
        fatalError("a parsed certificate's own DER does not parse")
    }
    precondition(again == certificate, "certificate DER round trip is not stable")
    _ = certificate.summary
    _ = certificate.subjectAlternativeNames
    _ = certificate.qcStatementOIDs
}
