import EGovCrypto
import EGovTesting
import Foundation
import Testing

/// Malformed, oversized and mislabelled input is refused with a typed ``CMSError``.
@Suite struct CMSParsingTests {
    static func valid() async throws -> [UInt8] {
        try await CMSTestSupport.sign(try TestPKI(algorithm: .p256), detached: false)
    }

    @Test func truncatedInputIsRefused() async throws {
        let der = try await Self.valid()
        for length in [0, 1, 2, 10, der.count / 2, der.count - 1] {
            #expect(throws: CMSError.self) { try CMSSignedData(derRepresentation: der.prefix(length)) }
        }
        do {
            _ = try CMSSignedData(derRepresentation: der.dropLast())
            Issue.record("truncated CMS accepted")
        } catch {
            #expect(error.code == "crypto.cms.malformed")
        }
    }

    @Test func trailingBytesAreRefused() async throws {
        let der = try await Self.valid()
        do {
            _ = try CMSSignedData(derRepresentation: der + [0])
            Issue.record("trailing byte accepted")
        } catch {
            #expect(error.code == "crypto.cms.malformed")
            #expect(error.reason.contains("trailing"))
        }
    }

    @Test func garbageIsRefused() {
        let inputs: [[UInt8]] = [
            [0x00], [0x30, 0x00], [0x30, 0x80, 0x00, 0x00], Array(repeating: 0xFF, count: 100),
            Array("-----BEGIN CMS-----".utf8),
        ]
        for input in inputs {
            #expect(throws: CMSError.self) { try CMSSignedData(derRepresentation: input) }
        }
    }

    @Test func oversizedInputIsRefusedBeforeParsing() {
        let huge = [UInt8](repeating: 0x30, count: CMSSignedData.maximumDERLength + 1)
        #expect(throws: CMSError.inputTooLarge(what: "CMS DER", limit: CMSSignedData.maximumDERLength)) {
            try CMSSignedData(derRepresentation: huge)
        }
    }

    @Test func otherContentTypesAreRefused() throws {
        // ContentInfo { id-data, [0] OCTET STRING "hi" }
        let data: [UInt8] = [
            0x30, 0x13, 0x06, 0x09, 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x07, 0x01,
            0xA0, 0x06, 0x04, 0x04, 0x68, 0x69, 0x68, 0x69,
        ]
        #expect(throws: CMSError.notSignedData(contentTypeOID: "1.2.840.113549.1.7.1")) {
            try CMSSignedData(derRepresentation: data)
        }
    }

    @Test func wrongPEMLabelIsRefused() async throws {
        let der = try await Self.valid()
        let certificateLabel = PEMDocument(label: "CERTIFICATE", der: der).pemString
        #expect(throws: CMSError.unexpectedPEMLabel(found: "CERTIFICATE")) {
            try CMSSignedData(pemRepresentation: certificateLabel)
        }
        #expect(throws: CMSError.self) { try CMSSignedData(pemRepresentation: "not PEM") }
        let two = PEMDocument(label: "CMS", der: der).pemString + PEMDocument(label: "CMS", der: der).pemString
        #expect(throws: CMSError.self) { try CMSSignedData(pemRepresentation: two) }
    }

    @Test func errorsHaveStableCodes() {
        #expect(CMSError.noSigners.code == "crypto.cms.no_signers")
        #expect(CMSError.contentMissing.code == "crypto.cms.content_missing")
        #expect(CMSError.malformedDER("x").code == "crypto.cms.malformed")
        #expect(CMSError.inputTooLarge(what: "x", limit: 1).description.hasPrefix("crypto.cms.too_large: "))
    }
}
