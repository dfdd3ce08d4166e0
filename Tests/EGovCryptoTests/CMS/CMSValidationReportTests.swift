import COpenSSL
import EGovCore
import EGovCrypto
import EGovSignature
import EGovTesting
import Foundation
import Testing

/// CMS through EGovSignature's validator: openssl-made CMS validates, and each tamper case gives
/// the ETSI indication and sub-indication. (Here rather than in EGovSignatureTests because the
/// tampering needs OpenSSL's CMS API, which only this test target links directly.)
@Suite struct CMSValidationReportTests {
    static func trustList(_ pki: TestPKI) -> TrustList {
        TrustList(
            name: [.en: "test"],
            services: [
                TrustedService(
                    name: [.en: "CA"], type: .signing, isQualified: false, certificates: [pki.root.certificate],
                    history: [.init(status: .granted, from: TestPKI.referenceDate - 3650 * 86_400)])
            ])
    }

    /// CMS made by `openssl cms -sign` (attached and detached, P-256 and RSA) validates.
    @Test(arguments: [(TestPKI.Algorithm.p256, false), (.p256, true), (.rsa, false), (.rsa, true)])
    func opensslSignedCMSValidates(_ algorithm: TestPKI.Algorithm, _ detached: Bool) throws {
        let pki = try TestPKI(algorithm: algorithm)
        let cli = try OpenSSLCLI()
        try CMSTestSupport.writeFiles(pki, cli)
        try cli.write("msg.bin", CMSTestSupport.content)
        _ = try cli.runOK(
            [
                "cms", "-sign", "-binary", "-md", "sha256", "-in", "msg.bin", "-signer", "leaf.pem", "-inkey",
                "leaf.key", "-certfile", "chain.pem", "-outform", "DER", "-out", "cli.der",
            ] + (detached ? [] : ["-nodetach"]))
        let validator = SignatureValidator(trustList: Self.trustList(pki))
        let evidence = validator.evidence(
            in: try cli.read("cli.der"), detached: detached ? CMSTestSupport.content : nil)
        let report = validator.report(for: evidence.signatures, at: TestPKI.referenceDate)
        #expect(report.indication == .totalPassed, "\(report.signatures)")
        #expect(report.signatures.first?.level == .advanced)
        #expect(evidence.content == (detached ? nil : CMSTestSupport.content))
    }

    @Test(arguments: [TestPKI.Algorithm.p256, .rsa, .sm2])
    func tamperCasesGiveTheRightIndication(_ algorithm: TestPKI.Algorithm) async throws {
        let pki = try TestPKI(algorithm: algorithm)
        let validator = SignatureValidator(trustList: Self.trustList(pki))
        let at = TestPKI.referenceDate
        let der = try await CMSTestSupport.sign(pki, detached: false)
        #expect(validator.validate(document: der, detached: nil, at: at).indication == .totalPassed)
        func outcome(_ bytes: [UInt8], content: [UInt8]? = nil) -> (Indication, SubIndication?) {
            let report = validator.validate(document: bytes, detached: content, at: at)
            return (report.indication, report.subIndication)
        }
        // Payload byte flipped (attached content).
        let flipped = try CMSTestSupport.flipLastByte(of: CMSTestSupport.content, in: der)
        #expect(outcome(flipped) == (.totalFailed, .hashFailure))
        // Detached content changed.
        let detached = try await CMSTestSupport.sign(pki, detached: true)
        #expect(outcome(detached, content: Array("other".utf8)) == (.totalFailed, .hashFailure))
        #expect(outcome(detached) == (.indeterminate, .signedDataNotFound))
        // A signed attribute removed: content-type/message-digest make the structure invalid;
        // signing-time/signing-certificate-v2 change the signed bytes.
        #expect(
            outcome(try CMSTestSupport.deletingSignedAttribute(NID_pkcs9_messageDigest, from: der)) == (
                .totalFailed, .formatFailure
            ))
        #expect(
            outcome(try CMSTestSupport.deletingSignedAttribute(NID_pkcs9_signingTime, from: der)) == (
                .totalFailed, .sigCryptoFailure
            ))
        // Signature value byte flipped.
        let signer = try #require(try CMSSignedData(derRepresentation: der).signers.first)
        #expect(
            outcome(try CMSTestSupport.flipLastByte(of: signer.signatureValue, in: der)) == (
                .totalFailed, .sigCryptoFailure
            ))
        // Certificate swapped: another certificate embedded instead of the signer's.
        let other = try pki.issueLeaf(profile: .personSigning)
        let swapped = try CMSTestSupport.replacingCertificates(
            in: der, with: [other.certificate, pki.intermediate.certificate])
        #expect(outcome(swapped) == (.indeterminate, .noSigningCertificateFound))
        // Garbage.
        #expect(outcome([0x30, 0x03, 0x02, 0x01, 0x01]) == (.totalFailed, .formatFailure))
    }

    /// Signed with a certificate whose validity does not cover the claimed signing time.
    @Test func signingTimeOutsideValidity() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let validator = SignatureValidator(trustList: Self.trustList(pki))
        let early = try await CMSBuilder.sign(
            content: CMSTestSupport.content, detached: false, signer: CMSTestSupport.signer(pki.leaf, pki),
            certificate: pki.leaf.certificate, chain: [pki.intermediate.certificate],
            signingTime: pki.leaf.certificate.notBefore - 86_400)
        let report = validator.validate(document: early, detached: nil, at: TestPKI.referenceDate)
        #expect(report.indication == .totalFailed)
        #expect(report.subIndication == .notYetValid)
    }
}
