import EGovCrypto
import EGovTesting
import Foundation
import Testing

/// Sign → parse → verify with CMSBuilder and CMSSignedData (external-signer path throughout).
@Suite struct CMSSignVerifyTests {
    static let algorithms: [TestPKI.Algorithm] = [.p256, .rsa, .sm2]

    @Test(arguments: CMSSignVerifyTests.algorithms, [false, true])
    func signParseVerify(_ algorithm: TestPKI.Algorithm, detached: Bool) async throws {
        let pki = try TestPKI(algorithm: algorithm)
        let der = try await CMSTestSupport.sign(pki, detached: detached)
        let cms = try CMSSignedData(derRepresentation: der)
        #expect(cms.derRepresentation == der)
        #expect(cms.contentTypeOID == "1.2.840.113549.1.7.1")
        #expect(cms.isDetached == detached)
        #expect(cms.encapsulatedContent == (detached ? nil : CMSTestSupport.content))
        #expect(Set(cms.certificates) == [pki.leaf.certificate, pki.intermediate.certificate])
        #expect(cms.signers.count == 1)
        let signer = try #require(cms.signers.first)
        #expect(signer.signerCertificate == pki.leaf.certificate)
        #expect(signer.issuerSerial?.issuer == pki.leaf.certificate.issuer.description)
        #expect(signer.issuerSerial?.serialNumber == pki.leaf.certificate.serialNumber)
        #expect(signer.subjectKeyIdentifier == nil)
        let expectedAlgorithm = CMSTestSupport.signatureAlgorithm(algorithm)
        #expect(signer.signatureAlgorithm == expectedAlgorithm)
        #expect(signer.digestAlgorithm == expectedAlgorithm.hashAlgorithm)
        #expect(signer.hasSignedAttributes)
        #expect(signer.contentTypeAttribute == "1.2.840.113549.1.7.1")
        #expect(signer.messageDigest == expectedAlgorithm.hashAlgorithm?.hash(CMSTestSupport.content))
        #expect(signer.signingTime == TestPKI.referenceDate)
        let essCertID = try #require(signer.signingCertificateV2)
        #expect(essCertID.hashAlgorithm == .sha256)
        #expect(essCertID.matches(pki.leaf.certificate))
        #expect(!essCertID.matches(pki.intermediate.certificate))
        #expect(essCertID.issuerSerial?.serialNumber == pki.leaf.certificate.serialNumber)
        #expect(signer.signatureTimestampTokens.isEmpty)

        if detached {
            #expect(signer.verifySignature(content: nil) == .contentMissing)
            #expect(signer.verifySignature(content: CMSTestSupport.content) == .valid)
            #expect(signer.verifySignature(content: CMSTestSupport.content + [0]) == .hashMismatch)
        } else {
            #expect(signer.verifySignature(content: nil) == .valid)
            #expect(signer.verifySignature(content: CMSTestSupport.content) == .valid)
            #expect(signer.verifySignature(content: [1, 2, 3]) == .hashMismatch)
        }
        if algorithm == .sm2 {
            // The signature binds the distinguishing ID: another ID (e.g. OpenSSL's empty default) fails.
            let content: [UInt8]? = detached ? CMSTestSupport.content : nil
            #expect(signer.verifySignature(content: content, sm2ID: try SM2DistinguishingID("")) == .signatureInvalid)
        }
        // PEM round trip under both accepted labels.
        #expect(try CMSSignedData(pemRepresentation: cms.pemRepresentation).derRepresentation == der)
        let pkcs7 = PEMDocument(label: "PKCS7", der: der).pemString
        #expect(try CMSSignedData(pemRepresentation: pkcs7).derRepresentation == der)
    }

    @Test func p384UsesSHA384() async throws {
        let pki = try TestPKI(algorithm: .p384)
        let cms = try CMSSignedData(derRepresentation: try await CMSTestSupport.sign(pki, detached: false))
        let signer = try #require(cms.signers.first)
        #expect(signer.signatureAlgorithm == .es384)
        #expect(signer.digestAlgorithm == .sha384)
        #expect(signer.verifySignature(content: nil) == .valid)
    }

    @Test func rsaPSS() async throws {
        let pki = try TestPKI(algorithm: .rsa)
        let der = try await CMSBuilder.sign(
            content: CMSTestSupport.content, detached: false,
            signer: CMSTestSupport.signer(pki.leaf, pki, algorithm: .ps256), certificate: pki.leaf.certificate,
            signingTime: TestPKI.referenceDate)
        let signer = try #require(try CMSSignedData(derRepresentation: der).signers.first)
        #expect(signer.signatureAlgorithmOID == "1.2.840.113549.1.1.10")
        #expect(signer.signatureAlgorithm == .ps256)
        #expect(signer.verifySignature(content: nil) == .valid)
    }

    @Test func ed25519UsesSHA512() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let key = try PrivateKey.generate(.ed25519)
        let leaf = try pki.issueCustomLeaf { $0.publicKey = key.publicKey }
        let der = try await CMSBuilder.sign(
            content: CMSTestSupport.content, detached: true,
            signer: ForwardingSigner(try key.signingKey(for: .edDSA)), certificate: leaf.certificate,
            signingTime: TestPKI.referenceDate)
        let signer = try #require(try CMSSignedData(derRepresentation: der).signers.first)
        #expect(signer.signatureAlgorithmOID == "1.3.101.112")
        #expect(signer.signatureAlgorithm == .edDSA)
        #expect(signer.digestAlgorithm == .sha512)
        #expect(signer.verifySignature(content: CMSTestSupport.content) == .valid)
        #expect(signer.verifySignature(content: CMSTestSupport.content + [1]) == .hashMismatch)
    }

    @Test func otherContentTypeUsesVersion3AndChecksTheAttribute() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let tstInfo = "1.2.840.113549.1.9.16.1.4"
        let der = try await CMSBuilder.sign(
            content: CMSTestSupport.content, detached: false, signer: CMSTestSupport.signer(pki.leaf, pki),
            certificate: pki.leaf.certificate, signingTime: TestPKI.referenceDate, contentTypeOID: tstInfo)
        let cms = try CMSSignedData(derRepresentation: der)
        #expect(cms.contentTypeOID == tstInfo)
        #expect(cms.signers.first?.contentTypeAttribute == tstInfo)
        #expect(cms.signers.first?.verifySignature(content: nil) == .valid)
    }

    @Test func externalSignerMustMatchTheCertificate() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let other = try pki.issueLeaf(profile: .organisationSeal)
        await #expect(throws: CMSError.certificateKeyMismatch) {
            try await CMSBuilder.sign(
                content: CMSTestSupport.content, detached: false, signer: CMSTestSupport.signer(other, pki),
                certificate: pki.leaf.certificate, signingTime: TestPKI.referenceDate)
        }
        // A signer whose output does not verify (a faulty HSM) is caught before anything is returned.
        let faulty = ForwardingSigner(algorithm: .es256, publicKey: pki.leaf.certificate.publicKey) { _ in
            [0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01]
        }
        await #expect(throws: CMSError.self) {
            try await CMSBuilder.sign(
                content: CMSTestSupport.content, detached: false, signer: faulty,
                certificate: pki.leaf.certificate, signingTime: TestPKI.referenceDate)
        }
        struct HSMDown: Error {}
        let failing = ForwardingSigner(algorithm: .es256, publicKey: pki.leaf.certificate.publicKey) { _ in
            throw HSMDown()
        }
        do {
            _ = try await CMSBuilder.sign(
                content: CMSTestSupport.content, detached: false, signer: failing,
                certificate: pki.leaf.certificate, signingTime: TestPKI.referenceDate)
            Issue.record("expected a signing failure")
        } catch let error as CMSError {
            #expect(error.code == "crypto.cms.signing_failed")
        }
    }

    @Test func externalSignerSeesExactlyTheSignedAttributes() async throws {
        let pki = try TestPKI(algorithm: .sm2)
        let key = try pki.leaf.privateKey.signingKey(for: .sm2, sm2ID: pki.sm2ID)
        let seen = SeenMessages()
        let signer = ForwardingSigner(algorithm: .sm2, publicKey: key.publicKey, sm2ID: pki.sm2ID) { message in
            await seen.append(message)
            return try await key.sign(message)
        }
        let der = try await CMSBuilder.sign(
            content: CMSTestSupport.content, detached: false, signer: signer, certificate: pki.leaf.certificate,
            signingTime: TestPKI.referenceDate)
        let messages = await seen.messages
        #expect(messages.count == 1)
        let signed = try #require(messages.first)
        #expect(signed.first == 0x31)  // a DER SET OF, as RFC 5652 section 5.4 requires
        // The same attribute bytes appear in the SignerInfo under the [0] tag.
        #expect(der.firstRange(of: [0xA0] + signed.dropFirst()) != nil)
        #expect(try CMSSignedData(derRepresentation: der).signers.first?.verifySignature(content: nil) == .valid)
    }
}

actor SeenMessages {
    var messages: [[UInt8]] = []
    func append(_ message: [UInt8]) { messages.append(message) }
}
