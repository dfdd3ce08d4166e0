import COpenSSL
import EGovTesting
import Foundation
import Testing

@testable import EGovCrypto

/// Tampered SignedData maps to the documented ``CMSSignerVerification`` cases.
@Suite struct CMSTamperTests {
    static let algorithms: [TestPKI.Algorithm] = [.p256, .rsa, .sm2]

    @Test(arguments: CMSTamperTests.algorithms)
    func flippedPayloadByteIsAHashMismatch(_ algorithm: TestPKI.Algorithm) async throws {
        let pki = try TestPKI(algorithm: algorithm)
        let der = try await CMSTestSupport.sign(pki, detached: false)
        let tampered = try CMSTestSupport.flipLastByte(of: CMSTestSupport.content, in: der)
        let signer = try #require(try CMSSignedData(derRepresentation: tampered).signers.first)
        #expect(signer.verifySignature(content: nil) == .hashMismatch)
        // Detached: the same with the content passed in.
        let detached = try CMSSignedData(derRepresentation: try await CMSTestSupport.sign(pki, detached: true))
        var content = CMSTestSupport.content
        content[3] ^= 0x20
        #expect(detached.signers.first?.verifySignature(content: content) == .hashMismatch)
    }

    @Test(arguments: CMSTamperTests.algorithms)
    func flippedSignatureByteIsSignatureInvalid(_ algorithm: TestPKI.Algorithm) async throws {
        let pki = try TestPKI(algorithm: algorithm)
        let der = try await CMSTestSupport.sign(pki, detached: false)
        let signature = try #require(try CMSSignedData(derRepresentation: der).signers.first).signatureValue
        let tampered = try CMSTestSupport.flipLastByte(of: signature, in: der)
        let signer = try #require(try CMSSignedData(derRepresentation: tampered).signers.first)
        #expect(signer.signatureValue != signature)
        #expect(signer.verifySignature(content: nil) == .signatureInvalid)
    }

    /// Removing content-type or message-digest is reported as `.missingSignedAttribute` (the
    /// structure violates RFC 5652 section 5.3 whatever the signature says); removing another
    /// signed attribute changes the signed bytes, so the signature fails.
    @Test(arguments: CMSTamperTests.algorithms)
    func removedSignedAttributes(_ algorithm: TestPKI.Algorithm) async throws {
        let pki = try TestPKI(algorithm: algorithm)
        let der = try await CMSTestSupport.sign(pki, detached: false)
        let cases: [(Int32, CMSSignerVerification)] = [
            (NID_pkcs9_contentType, .missingSignedAttribute("content-type")),
            (NID_pkcs9_messageDigest, .missingSignedAttribute("message-digest")),
            (NID_pkcs9_signingTime, .signatureInvalid),
            (NID_id_smime_aa_signingCertificateV2, .signatureInvalid),
        ]
        for (nid, expected) in cases {
            let tampered = try CMSTestSupport.deletingSignedAttribute(nid, from: der)
            let signer = try #require(try CMSSignedData(derRepresentation: tampered).signers.first)
            #expect(signer.verifySignature(content: nil) == expected, "NID \(nid)")
        }
        // OpenSSL's re-encoding of the untouched structure is byte-identical (DER in, DER out).
        #expect(try CMSTestSupport.withDecodedCMS(der) { _ in } == der)
    }

    @Test(arguments: CMSTamperTests.algorithms)
    func swappedCertificate(_ algorithm: TestPKI.Algorithm) async throws {
        let pki = try TestPKI(algorithm: algorithm)
        let der = try await CMSTestSupport.sign(pki, detached: false)
        // Another certificate, not matching the signer identifier.
        let other = try pki.issueLeaf(profile: .organisationSeal)
        let withOther = try CMSTestSupport.replacingCertificates(
            in: der, with: [other.certificate, pki.intermediate.certificate])
        #expect(
            try CMSSignedData(derRepresentation: withOther).signers.first?.verifySignature(content: nil)
                == .noSignerCertificate)
        // A certificate with the same issuer and serial number but another key.
        let serial = try TestSupport.hex(
            pki.leaf.certificate.serialNumber.count % 2 == 0
                ? pki.leaf.certificate.serialNumber : "0" + pki.leaf.certificate.serialNumber)
        let impostor = try pki.issueCustomLeaf { $0.serialNumber = serial }
        #expect(impostor.certificate.serialNumber == pki.leaf.certificate.serialNumber)
        let withImpostor = try CMSTestSupport.replacingCertificates(in: der, with: [impostor.certificate])
        let signer = try #require(try CMSSignedData(derRepresentation: withImpostor).signers.first)
        #expect(signer.signerCertificate == impostor.certificate)
        #expect(signer.verifySignature(content: nil) == .signatureInvalid)
        #expect(signer.signingCertificateV2?.matches(impostor.certificate) == false)
    }

    /// `der` with SignerInfo 0's signedAttrs `[0]` element replaced by `rewrite(element)` (the
    /// enclosing structures re-encoded around it; the signature is left as it is).
    static func rewritingSignedAttributes(
        in der: [UInt8], _ rewrite: (CMSDER.Element) throws -> [UInt8]
    ) throws -> [UInt8] {
        let fields = try CMSBuilder.signedDataFields(der)
        let infosField = try #require(fields.last)
        var infos = try CMSDER.elements(infosField.content).map { Array($0.encoded) }
        var parts = try CMSDER.elements(try CMSDER.single(infos[0][...], tag: 0x30, what: "SignerInfo").content)
            .map { ($0, Array($0.encoded)) }
        let index = try #require(parts.firstIndex { $0.0.tag == 0xA0 })
        parts[index].1 = try rewrite(parts[index].0)
        infos[0] = CMSDER.sequence(parts.map(\.1))
        let signedData = CMSDER.sequence(
            fields.dropLast().map { Array($0.encoded) } + [CMSDER.tlv(0x31, infos.flatMap { $0 })])
        return CMSDER.sequence([try CMSDER.oid(CMSAlgorithms.signedData), CMSDER.tlv(0xA0, signedData)])
    }

    @Test("SignedAttributes that are not DER (unsorted SET OF, non-minimal length) are refused")
    func nonDERSignedAttributesAreRefused() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let der = try await CMSTestSupport.sign(pki, detached: false)
        // The DER original parses and verifies.
        let original = try CMSSignedData(derRepresentation: der)
        #expect(original.signers[0].verifySignature(content: nil, sm2ID: pki.sm2ID) == .valid)
        let unsorted = try Self.rewritingSignedAttributes(in: der) { attributes in
            let elements = try CMSDER.elements(attributes.content).map { Array($0.encoded) }
            #expect(elements.count > 1)
            return CMSDER.tlv(0xA0, elements.reversed().flatMap { $0 })
        }
        let stretched = try Self.rewritingSignedAttributes(in: der) { attributes in
            let length = attributes.content.count
            return [0xA0, 0x84, 0, 0, UInt8(length >> 8), UInt8(length & 0xFF)] + attributes.content
        }
        for variant in [unsorted, stretched] {
            #expect(variant != der)
            #expect(throws: CMSError.malformedDER("SignedAttributes of signer 1 are not DER")) {
                try CMSSignedData(derRepresentation: variant)
            }
        }
    }

    @Test func duplicatedSignedAttributeIsRefused() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let der = try await CMSTestSupport.sign(pki, detached: false)
        let doubled = try CMSTestSupport.withDecodedCMS(der) { cms in
            let infos = try #require(CMS_get0_SignerInfos(cms))
            let info = OpaquePointer(try #require(OPENSSL_sk_value(infos, 0)))
            let data = try #require(OBJ_nid2obj(NID_pkcs7_data))
            #expect(
                CMS_signed_add1_attr_by_NID(info, NID_pkcs9_contentType, V_ASN1_OBJECT, UnsafeRawPointer(data), -1) == 1
            )
        }
        #expect(throws: CMSError.malformedAttribute("duplicate content-type attribute")) {
            try CMSSignedData(derRepresentation: doubled)
        }
    }

    /// Rebuilds the SignedData with a different certificates field.
}
