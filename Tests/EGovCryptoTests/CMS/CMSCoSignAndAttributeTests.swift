import EGovCrypto
import EGovTesting
import Foundation
import Testing

/// Co-signatures (addSigner) and unsigned attributes (addUnsignedAttribute, CAdES-T tokens).
@Suite struct CMSCoSignAndAttributeTests {
    @Test(arguments: [false, true])
    func coSignatureWithTwoSignersBothVerify(_ detached: Bool) async throws {
        let first = try TestPKI(algorithm: .p256)
        let second = try TestPKI(algorithm: .sm2, leafProfile: .organisationSeal)
        let der = try await CMSTestSupport.sign(first, detached: detached)
        let content: [UInt8]? = detached ? CMSTestSupport.content : nil
        if detached {
            await #expect(throws: CMSError.contentMissing) {
                try await CMSBuilder.addSigner(
                    to: der, content: nil, signer: CMSTestSupport.signer(second.leaf, second),
                    certificate: second.leaf.certificate, signingTime: TestPKI.referenceDate)
            }
        } else {
            await #expect(throws: CMSError.contentMismatch) {
                try await CMSBuilder.addSigner(
                    to: der, content: [1], signer: CMSTestSupport.signer(second.leaf, second),
                    certificate: second.leaf.certificate, signingTime: TestPKI.referenceDate)
            }
        }
        let cosigned = try await CMSBuilder.addSigner(
            to: der, content: content, signer: CMSTestSupport.signer(second.leaf, second),
            certificate: second.leaf.certificate, chain: [second.intermediate.certificate],
            signingTime: TestPKI.referenceDate + 60)
        let cms = try CMSSignedData(derRepresentation: cosigned)
        #expect(cms.isDetached == detached)
        #expect(cms.signers.count == 2)
        #expect(cms.certificates.count == 4)
        #expect(Set(cms.signers.compactMap(\.signerCertificate)) == [first.leaf.certificate, second.leaf.certificate])
        for signer in cms.signers {
            #expect(signer.verifySignature(content: content) == .valid)
        }
        #expect(Set(cms.signers.compactMap(\.signatureAlgorithm)) == [.es256, .sm2])
        #expect(Set(cms.signers.compactMap(\.signingTime)) == [TestPKI.referenceDate, TestPKI.referenceDate + 60])
    }

    @Test func unsignedTimestampAttributeKeepsSignaturesValid() async throws {
        let pki = try TestPKI(algorithm: .rsa)
        let der = try await CMSTestSupport.sign(pki, detached: true)
        let signer = try #require(try CMSSignedData(derRepresentation: der).signers.first)
        // Stand-in for a TimeStampToken: a SignedData over the signature value (a real token
        // comes from the RFC 3161 module; here only the plumbing is tested).
        let token = try await CMSTestSupport.sign(pki, detached: false, content: signer.signatureValue)
        let stamped = try CMSBuilder.addUnsignedAttribute(
            to: der, signerIndex: 0, oid: "1.2.840.113549.1.9.16.2.14", valueDER: token)
        let cms = try CMSSignedData(derRepresentation: stamped)
        let stampedSigner = try #require(cms.signers.first)
        #expect(stampedSigner.signatureTimestampTokens == [token])
        #expect(stampedSigner.unsignedAttributeOIDs == ["1.2.840.113549.1.9.16.2.14"])
        #expect(stampedSigner.signatureValue == signer.signatureValue)
        #expect(stampedSigner.verifySignature(content: CMSTestSupport.content) == .valid)
        let tokenCMS = try CMSSignedData(derRepresentation: try #require(stampedSigner.signatureTimestampTokens.first))
        #expect(tokenCMS.encapsulatedContent == signer.signatureValue)
        // A second, unrelated unsigned attribute is kept next to the first.
        let twice = try CMSBuilder.addUnsignedAttribute(
            to: stamped, signerIndex: 0, oid: "1.2.3.4", valueDER: [0x0C, 0x02, 0x68, 0x69])
        let twiceSigner = try #require(try CMSSignedData(derRepresentation: twice).signers.first)
        #expect(Set(twiceSigner.unsignedAttributeOIDs) == ["1.2.840.113549.1.9.16.2.14", "1.2.3.4"])
        #expect(twiceSigner.signatureTimestampTokens == [token])
        #expect(twiceSigner.verifySignature(content: CMSTestSupport.content) == .valid)
    }

    @Test func unsignedAttributeOnTheSecondSigner() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let seal = try pki.issueLeaf(profile: .organisationSeal)
        let der = try await CMSTestSupport.sign(pki, detached: false)
        let cosigned = try await CMSBuilder.addSigner(
            to: der, content: nil, signer: CMSTestSupport.signer(seal, pki), certificate: seal.certificate,
            signingTime: TestPKI.referenceDate)
        let before = try CMSSignedData(derRepresentation: cosigned)
        let target = try #require(before.signers.firstIndex { $0.signerCertificate == seal.certificate })
        let token: [UInt8] = [0x30, 0x03, 0x02, 0x01, 0x05]
        let stamped = try CMSBuilder.addUnsignedAttribute(
            to: cosigned, signerIndex: target, oid: "1.2.840.113549.1.9.16.2.14", valueDER: token)
        let after = try CMSSignedData(derRepresentation: stamped)
        for signer in after.signers {
            #expect(signer.verifySignature(content: nil) == .valid)
            let isSeal = signer.signerCertificate == seal.certificate
            #expect(signer.signatureTimestampTokens == (isSeal ? [token] : []))
        }
    }

    @Test func addUnsignedAttributeRefusesBadArguments() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let der = try await CMSTestSupport.sign(pki, detached: false)
        #expect(throws: CMSError.signerIndexOutOfRange(index: 1, count: 1)) {
            try CMSBuilder.addUnsignedAttribute(to: der, signerIndex: 1, oid: "1.2.3", valueDER: [0x05, 0x00])
        }
        #expect(throws: CMSError.signerIndexOutOfRange(index: -1, count: 1)) {
            try CMSBuilder.addUnsignedAttribute(to: der, signerIndex: -1, oid: "1.2.3", valueDER: [0x05, 0x00])
        }
        for bad: [UInt8] in [[], [0x05, 0x00, 0x05, 0x00], [0x30, 0x05, 0x02]] {
            #expect(throws: CMSError.self) {
                try CMSBuilder.addUnsignedAttribute(to: der, signerIndex: 0, oid: "1.2.3", valueDER: bad)
            }
        }
        #expect(throws: CMSError.self) {
            try CMSBuilder.addUnsignedAttribute(to: der, signerIndex: 0, oid: "not an oid", valueDER: [0x05, 0x00])
        }
    }
}
