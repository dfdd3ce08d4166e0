import EGovTesting
import Foundation
import Testing

@testable import EGovCrypto

/// Parser limits (signers, certificates) and the degenerate SignedData without signers.
@Suite struct CMSLimitTests {
    /// Rebuilds a SignedData with `transform` applied to each field (raw SETs, duplicates kept).
    /// The last field is SignerInfos.
    private func rebuilding(_ der: [UInt8], _ transform: (CMSDER.Element, _ isLast: Bool) -> [UInt8]) throws
        -> [UInt8]
    {
        let fields = try CMSBuilder.signedDataFields(der)
        let signedData = CMSDER.sequence(fields.enumerated().map { transform($1, $0 == fields.count - 1) })
        return CMSDER.sequence([try CMSDER.oid("1.2.840.113549.1.7.2"), CMSDER.tlv(0xA0, signedData)])
    }

    @Test func tooManySignersAreRefused() async throws {
        let der = try await CMSTestSupport.sign(try TestPKI(algorithm: .p256), detached: false)
        let signerInfo = try #require(try CMSBuilder.signedDataFields(der).last?.content)
        func withSigners(_ count: Int) throws -> [UInt8] {
            try rebuilding(der) { field, isLast in
                isLast
                    ? CMSDER.tlv(0x31, Array(repeating: Array(signerInfo), count: count).flatMap { $0 })
                    : Array(field.encoded)
            }
        }
        #expect(try CMSSignedData(derRepresentation: withSigners(CMSSignedData.maximumSigners)).signers.count == 64)
        #expect(throws: CMSError.inputTooLarge(what: "SignerInfos", limit: CMSSignedData.maximumSigners)) {
            try CMSSignedData(derRepresentation: try withSigners(CMSSignedData.maximumSigners + 1))
        }
        #expect(throws: CMSError.noSigners) { try CMSSignedData(derRepresentation: try withSigners(0)) }
    }

    @Test func tooManyCertificatesAreRefused() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let der = try await CMSTestSupport.sign(pki, detached: false)
        let certificate = pki.leaf.certificate.derRepresentation
        let tooMany = try rebuilding(der) { field, _ in
            field.tag == 0xA0
                ? CMSDER.tlv(
                    0xA0, Array(repeating: certificate, count: CMSSignedData.maximumCertificates + 1).flatMap { $0 })
                : Array(field.encoded)
        }
        #expect(throws: CMSError.inputTooLarge(what: "embedded certificates", limit: CMSSignedData.maximumCertificates))
        {
            try CMSSignedData(derRepresentation: tooMany)
        }
    }
}
