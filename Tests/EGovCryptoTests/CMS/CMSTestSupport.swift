import COpenSSL
import EGovTesting
import Foundation
import Testing

@testable import EGovCrypto

/// A `SigningKey` that only forwards `sign` (as an HSM or remote service would): no private key
/// is reachable through it.
struct ForwardingSigner: SigningKey {
    let algorithm: SignatureAlgorithm
    let publicKey: PublicKey
    let sm2ID: SM2DistinguishingID
    let forward: @Sendable ([UInt8]) async throws -> [UInt8]

    init(_ key: SoftwareSigningKey) {
        algorithm = key.algorithm
        publicKey = key.publicKey
        sm2ID = key.sm2ID
        forward = { try await key.sign($0) }
    }

    init(
        algorithm: SignatureAlgorithm, publicKey: PublicKey, sm2ID: SM2DistinguishingID = .default,
        forward: @escaping @Sendable ([UInt8]) async throws -> [UInt8]
    ) {
        self.algorithm = algorithm
        self.publicKey = publicKey
        self.sm2ID = sm2ID
        self.forward = forward
    }

    func sign(_ message: [UInt8]) async throws -> [UInt8] { try await forward(message) }
}

enum CMSTestSupport {
    static let content = Array("EGovKit CMS test content \u{00e9}\u{4e2d}\n".utf8)

    /// The JOSE-style algorithm a TestPKI algorithm signs with.
    static func signatureAlgorithm(_ algorithm: TestPKI.Algorithm) -> SignatureAlgorithm {
        switch algorithm {
        case .p256: .es256
        case .p384: .es384
        case .rsa: .rs256
        case .sm2: .sm2
        }
    }

    /// An external-style signer for an issued certificate of `pki`.
    static func signer(_ issued: TestPKI.Issued, _ pki: TestPKI, algorithm: SignatureAlgorithm? = nil) throws
        -> ForwardingSigner
    {
        ForwardingSigner(
            try issued.privateKey.signingKey(
                for: algorithm ?? signatureAlgorithm(pki.algorithm), sm2ID: pki.sm2ID))
    }

    /// Signs `content` with the PKI's leaf, embedding the intermediate.
    static func sign(_ pki: TestPKI, detached: Bool, content: [UInt8] = CMSTestSupport.content) async throws
        -> [UInt8]
    {
        try await CMSBuilder.sign(
            content: content, detached: detached, signer: signer(pki.leaf, pki),
            certificate: pki.leaf.certificate, chain: [pki.intermediate.certificate],
            signingTime: TestPKI.referenceDate)
    }

    /// Flips the last byte of the first occurrence of `needle` in `bytes`.
    static func flipLastByte(of needle: [UInt8], in bytes: [UInt8]) throws -> [UInt8] {
        let range = try #require(bytes.firstRange(of: needle), "needle not found")
        var output = bytes
        output[range.upperBound - 1] ^= 0x01
        return output
    }

    /// Deletes the signed attribute `nid` from signer 0 with OpenSSL and re-serialises.
    static func deletingSignedAttribute(_ nid: Int32, from der: [UInt8]) throws -> [UInt8] {
        try withDecodedCMS(der) { cms in
            let infos = try #require(CMS_get0_SignerInfos(cms))
            let info = OpaquePointer(try #require(OPENSSL_sk_value(infos, 0)))
            let location = CMS_signed_get_attr_by_NID(info, nid, -1)
            #expect(location >= 0)
            let removed = CMS_signed_delete_attr(info, location)
            #expect(removed != nil)
            X509_ATTRIBUTE_free(removed)
        }
    }

    /// Decodes `der`, lets `body` change it, and returns OpenSSL's re-encoding.
    static func withDecodedCMS(_ der: [UInt8], _ body: (OpaquePointer) throws -> Void) throws -> [UInt8] {
        let decoded = der.withUnsafeBufferPointer { buffer -> OpaquePointer? in
            var cursor = buffer.baseAddress
            return d2i_CMS_ContentInfo(nil, &cursor, buffer.count)
        }
        let cms = try #require(decoded)
        defer { CMS_ContentInfo_free(cms) }
        try body(cms)
        let length = i2d_CMS_ContentInfo(cms, nil)
        #expect(length > 0)
        var output = [UInt8](repeating: 0, count: Int(length))
        output.withUnsafeMutableBufferPointer { buffer in
            var cursor = buffer.baseAddress
            _ = i2d_CMS_ContentInfo(cms, &cursor)
        }
        return output
    }

    /// Writes the PKI's PEM files into the CLI's directory.
    static func writeFiles(_ pki: TestPKI, _ cli: OpenSSLCLI) throws {
        _ = try pki.writePEMFiles(to: cli.directory)
    }

    /// `der` with its certificates field replaced by `certificates`.
    static func replacingCertificates(in der: [UInt8], with certificates: [Certificate]) throws -> [UInt8] {
        let fields = try CMSBuilder.signedDataFields(der)
        let rebuilt = fields.map { field -> [UInt8] in
            field.tag == 0xA0 ? CMSDER.setOf(certificates.map(\.derRepresentation), tag: 0xA0) : Array(field.encoded)
        }
        return try CMSBuilder.contentInfo(CMSDER.sequence(rebuilt))
    }
}
