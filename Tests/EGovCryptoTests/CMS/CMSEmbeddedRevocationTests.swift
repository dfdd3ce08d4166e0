import COpenSSL
import EGovCore
import EGovCrypto
import EGovSignature
import EGovTesting
import Foundation
import Testing

/// SignedData `crls` (revocation data a CAdES B-LT signature embeds) are parsed into
/// `CMSSignedData.revocationLists` and reach the validator's evidence, without being relied on.
/// (The CRL is added with OpenSSL's `CMS_add1_crl`, as another signer's tool would.)
@Suite struct CMSEmbeddedRevocationTests {
    /// `cms` with `crl` added to its SignedData `crls`, re-encoded by OpenSSL.
    static func embedding(_ crl: CertificateRevocationList, in cms: [UInt8]) throws -> [UInt8] {
        let parsed: OpaquePointer? = cms.withUnsafeBufferPointer { buffer in
            var pointer = buffer.baseAddress
            return d2i_CMS_ContentInfo(nil, &pointer, buffer.count)
        }
        let info = try #require(parsed)
        defer { CMS_ContentInfo_free(info) }
        let crlDER = crl.derRepresentation
        let x509CRL: OpaquePointer? = crlDER.withUnsafeBufferPointer { buffer in
            var pointer = buffer.baseAddress
            return d2i_X509_CRL(nil, &pointer, buffer.count)
        }
        let handle = try #require(x509CRL)
        defer { X509_CRL_free(handle) }
        #expect(CMS_add1_crl(info, handle) == 1)
        var out: UnsafeMutablePointer<UInt8>?
        let length = i2d_CMS_ContentInfo(info, &out)
        let bytes = try #require(out)
        defer { CRYPTO_free(bytes, #file, #line) }
        return Array(UnsafeBufferPointer(start: bytes, count: Int(length)))
    }

    @Test func embeddedCRLsAreParsedAndReachTheEvidence() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let cms = try await CMSTestSupport.sign(pki, detached: false)
        #expect(try CMSSignedData(derRepresentation: cms).revocationLists.isEmpty)

        let crl = try CRLBuilder(thisUpdate: TestPKI.referenceDate, nextUpdate: TestPKI.referenceDate + 86_400)
            .sign(issuer: pki.intermediate.certificate, key: pki.intermediate.privateKey)
        let withCRL = try Self.embedding(crl, in: cms)
        let parsed = try CMSSignedData(derRepresentation: withCRL)
        #expect(parsed.revocationLists.map(\.derRepresentation) == [crl.derRepresentation])

        // The signature is untouched (crls are not signed), and the evidence carries the CRL.
        let validator = SignatureValidator(trustList: CMSValidationReportTests.trustList(pki))
        let evidence = validator.evidence(in: withCRL, detached: nil)
        #expect(evidence.signatures.first?.embeddedRevocationLists.map(\.derRepresentation) == [crl.derRepresentation])
        let report = validator.report(for: evidence.signatures, at: TestPKI.referenceDate)
        #expect(report.indication == .totalPassed, "\(report.signatures)")
    }

    @Test func aMalformedEmbeddedCRLIsRefused() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let cms = try await CMSTestSupport.sign(pki, detached: false)
        let crl = try CRLBuilder(thisUpdate: TestPKI.referenceDate, nextUpdate: TestPKI.referenceDate + 86_400)
            .sign(issuer: pki.intermediate.certificate, key: pki.intermediate.privateKey)
        var withCRL = try Self.embedding(crl, in: cms)
        // Inside the SignedData, make the CRL's version (the first element of its TBSCertList,
        // INTEGER 1 = v2) 5, which RFC 5280 does not define: the structure still decodes, the CRL
        // is refused.
        let start = try #require(withCRL.firstRange(of: crl.derRepresentation)).lowerBound
        func headerLength(_ index: Int) -> Int {
            let first = withCRL[index + 1]
            return first < 0x80 ? 2 : 2 + Int(first & 0x7F)
        }
        let tbs = start + headerLength(start)
        let version = tbs + headerLength(tbs)
        #expect(Array(withCRL[version..<(version + 3)]) == [0x02, 0x01, 0x01])
        withCRL[version + 2] = 0x05
        #expect(throws: CMSError.self) { try CMSSignedData(derRepresentation: withCRL) }
        // The CRL alone is refused too (RFC 5280 section 5.1.2.1: the version is v2 when present).
        var alone = crl.derRepresentation
        alone[version - start + 2] = 0x05
        #expect(throws: CryptoError.malformedCRL("version")) { try CertificateRevocationList(derRepresentation: alone) }
    }
}
