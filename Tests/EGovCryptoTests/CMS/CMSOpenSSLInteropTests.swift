import EGovCrypto
import EGovTesting
import Foundation
import Testing

/// Interoperability with `openssl cms` (the OpenSSL 3.0 command line): CMS made by the CLI
/// verifies here, and CMS made by ``CMSBuilder`` verifies with `openssl cms -verify`, including
/// the certificate chain up to the TestPKI root. The SM2 tests record what OpenSSL 3.0's CLI
/// can and cannot do with SM2 CMS.
@Suite struct CMSOpenSSLInteropTests {
    /// `-attime` for chain checks: the TestPKI reference date.
    static let atTime = String(Int(TestPKI.referenceDate.timeIntervalSince1970))

    struct CLISigning: Sendable, CustomTestStringConvertible {
        let algorithm: TestPKI.Algorithm
        let detached: Bool
        let extra: [String]
        var testDescription: String { "\(algorithm) detached=\(detached) \(extra.joined(separator: " "))" }
    }

    static let cliSignings: [CLISigning] = [
        CLISigning(algorithm: .p256, detached: false, extra: []),
        CLISigning(algorithm: .p256, detached: true, extra: []),
        CLISigning(algorithm: .rsa, detached: false, extra: []),
        CLISigning(algorithm: .rsa, detached: true, extra: []),
        CLISigning(algorithm: .p256, detached: false, extra: ["-keyid"]),  // subjectKeyIdentifier
        CLISigning(algorithm: .rsa, detached: false, extra: ["-noattr"]),  // no signed attributes
    ]

    @Test(arguments: CMSOpenSSLInteropTests.cliSignings)
    func cliSignedCMSVerifiesInEGovCrypto(_ signing: CLISigning) throws {
        let pki = try TestPKI(algorithm: signing.algorithm)
        let cli = try OpenSSLCLI()
        try CMSTestSupport.writeFiles(pki, cli)
        try cli.write("msg.bin", CMSTestSupport.content)
        try cli.runOK(
            [
                "cms", "-sign", "-binary", "-md", "sha256", "-in", "msg.bin", "-signer", "leaf.pem", "-inkey",
                "leaf.key", "-certfile", "chain.pem", "-outform", "DER", "-out", "cli.der",
            ] + (signing.detached ? [] : ["-nodetach"]) + signing.extra)
        let cms = try CMSSignedData(derRepresentation: try cli.read("cli.der"))
        #expect(cms.isDetached == signing.detached)
        #expect(cms.certificates.contains(pki.leaf.certificate))
        let signer = try #require(cms.signers.first)
        #expect(cms.signers.count == 1)
        #expect(signer.signerCertificate == pki.leaf.certificate)
        #expect(signer.digestAlgorithm == .sha256)
        #expect(signer.signatureAlgorithm == CMSTestSupport.signatureAlgorithm(signing.algorithm))
        if signing.extra.contains("-keyid") {
            #expect(signer.subjectKeyIdentifier == pki.leaf.certificate.subjectKeyIdentifier)
            #expect(signer.issuerSerial == nil)
        }
        #expect(signer.hasSignedAttributes == !signing.extra.contains("-noattr"))
        let content: [UInt8]? = signing.detached ? CMSTestSupport.content : nil
        #expect(signer.verifySignature(content: content) == .valid)
        if signing.detached {
            #expect(signer.verifySignature(content: nil) == .contentMissing)
            #expect(signer.verifySignature(content: CMSTestSupport.content + [0]) == .hashMismatch)
        } else {
            let tampered = try CMSTestSupport.flipLastByte(of: CMSTestSupport.content, in: try cli.read("cli.der"))
            let expected: CMSSignerVerification =
                signing.extra.contains("-noattr") ? .signatureInvalid : .hashMismatch
            #expect(
                try CMSSignedData(derRepresentation: tampered).signers.first?.verifySignature(content: nil) == expected)
        }
    }

    @Test(arguments: [TestPKI.Algorithm.p256, .rsa], [false, true])
    func egovCMSVerifiesWithTheCLI(_ algorithm: TestPKI.Algorithm, detached: Bool) async throws {
        let pki = try TestPKI(algorithm: algorithm)
        let cli = try OpenSSLCLI()
        try CMSTestSupport.writeFiles(pki, cli)
        try cli.write("msg.bin", CMSTestSupport.content)
        try cli.write("egov.der", try await CMSTestSupport.sign(pki, detached: detached))
        try cli.runOK(
            [
                "cms", "-verify", "-binary", "-inform", "DER", "-in", "egov.der", "-CAfile", "root.pem", "-purpose",
                "any", "-attime", Self.atTime, "-out", "out.bin",
            ] + (detached ? ["-content", "msg.bin"] : []))
        #expect(try cli.read("out.bin") == CMSTestSupport.content)
        // The CLI refuses the same CMS over other content.
        if detached {
            try cli.write("other.bin", CMSTestSupport.content + [0])
            let result = try cli.run([
                "cms", "-verify", "-binary", "-inform", "DER", "-in", "egov.der", "-CAfile", "root.pem", "-purpose",
                "any", "-attime", Self.atTime, "-content", "other.bin", "-out", "out2.bin",
            ])
            #expect(result.status != 0)
        }
    }

    @Test func coSignedEGovCMSVerifiesWithTheCLI() async throws {
        let first = try TestPKI(algorithm: .p256)
        let second = try TestPKI(algorithm: .rsa)
        let cli = try OpenSSLCLI()
        try cli.write("roots.pem", first.root.certificate.pemRepresentation + second.root.certificate.pemRepresentation)
        try cli.write("msg.bin", CMSTestSupport.content)
        let der = try await CMSTestSupport.sign(first, detached: true)
        let cosigned = try await CMSBuilder.addSigner(
            to: der, content: CMSTestSupport.content, signer: CMSTestSupport.signer(second.leaf, second),
            certificate: second.leaf.certificate, chain: [second.intermediate.certificate],
            signingTime: TestPKI.referenceDate)
        try cli.write("cosigned.der", cosigned)
        // openssl cms -verify checks every SignerInfo.
        try cli.runOK([
            "cms", "-verify", "-binary", "-inform", "DER", "-in", "cosigned.der", "-CAfile", "roots.pem", "-purpose",
            "any", "-attime", Self.atTime, "-content", "msg.bin", "-out", "out.bin",
        ])
        #expect(try cli.read("out.bin") == CMSTestSupport.content)
    }

    @Test func pssEGovCMSVerifiesWithTheCLIAndEd25519IsUnsupportedThere() async throws {
        let pki = try TestPKI(algorithm: .rsa)
        let cli = try OpenSSLCLI()
        try CMSTestSupport.writeFiles(pki, cli)
        try cli.write("msg.bin", CMSTestSupport.content)
        let pss = try await CMSBuilder.sign(
            content: CMSTestSupport.content, detached: false,
            signer: CMSTestSupport.signer(pki.leaf, pki, algorithm: .ps256), certificate: pki.leaf.certificate,
            chain: [pki.intermediate.certificate], signingTime: TestPKI.referenceDate)
        let edKey = try PrivateKey.generate(.ed25519)
        let edLeaf = try pki.issueCustomLeaf { $0.publicKey = edKey.publicKey }
        let ed = try await CMSBuilder.sign(
            content: CMSTestSupport.content, detached: false,
            signer: ForwardingSigner(try edKey.signingKey(for: .edDSA)),
            certificate: edLeaf.certificate, chain: [pki.intermediate.certificate], signingTime: TestPKI.referenceDate)
        try cli.write("pss.der", pss)
        try cli.runOK([
            "cms", "-verify", "-binary", "-inform", "DER", "-in", "pss.der", "-CAfile", "root.pem", "-purpose", "any",
            "-attime", Self.atTime, "-out", "out.bin",
        ])
        #expect(try cli.read("out.bin") == CMSTestSupport.content)
        // OpenSSL 3.0's CMS code cannot handle Ed25519 (RFC 8419) at all: CMS_SignerInfo_verify
        // initialises EdDSA with the SHA-512 digest, which the provider refuses ("invalid
        // digest"); `cms -sign` fails too ("no default digest" / the same error). EGovKit
        // verifies the structure itself (ed25519UsesSHA512).
        try cli.write("ed.der", ed)
        let result = try cli.run([
            "cms", "-verify", "-binary", "-inform", "DER", "-in", "ed.der", "-noverify", "-out", "out.bin",
        ])
        #expect(result.status != 0, "OpenSSL now verifies Ed25519 CMS: turn this into a positive interop test")
        #expect(result.output.contains("invalid digest"))
        #expect(try CMSSignedData(derRepresentation: ed).signers.first?.verifySignature(content: nil) == .valid)
    }

    /// OpenSSL 3.0's CMS code verifies SM2 signatures with an *empty* distinguishing ID and the
    /// `cms` command has no option to choose another one (`-keyopt` applies to signing only). A
    /// CMS signed with the GM/T 0009 default ID `1234567812345678` (EGovKit's default) therefore
    /// fails `openssl cms -verify` ("CMS_SignerInfo_verify: verification failure"), even with
    /// `-noverify`, while EGovKit verifies it. Signed with the empty ID, the same structure
    /// verifies with the CLI, chain included: the encoding (SM2-with-SM3 1.2.156.10197.1.501,
    /// SM3 digest, attributes) is what OpenSSL expects; only the ID differs.
    @Test func sm2CMSAndTheOpenSSL30CLI() async throws {
        for id in [SM2DistinguishingID.default, try SM2DistinguishingID("")] {
            let pki = try TestPKI(algorithm: .sm2, sm2ID: id)
            let cli = try OpenSSLCLI()
            try CMSTestSupport.writeFiles(pki, cli)
            try cli.write("msg.bin", CMSTestSupport.content)
            let attached = try await CMSTestSupport.sign(pki, detached: false)
            let detached = try await CMSTestSupport.sign(pki, detached: true)
            try cli.write("att.der", attached)
            try cli.write("det.der", detached)
            #expect(
                try CMSSignedData(derRepresentation: attached).signers.first?.verifySignature(content: nil, sm2ID: id)
                    == .valid)
            #expect(
                try CMSSignedData(derRepresentation: detached).signers.first?.verifySignature(
                    content: CMSTestSupport.content, sm2ID: id) == .valid)
            let runs = [
                ["-in", "att.der", "-noverify"],
                ["-in", "det.der", "-content", "msg.bin", "-noverify"],
                ["-in", "att.der", "-CAfile", "root.pem", "-purpose", "any", "-attime", Self.atTime],
                [
                    "-in", "det.der", "-content", "msg.bin", "-CAfile", "root.pem", "-purpose", "any", "-attime",
                    Self.atTime,
                ],
            ]
            for run in runs {
                let result = try cli.run(["cms", "-verify", "-binary", "-inform", "DER", "-out", "out.bin"] + run)
                if id.bytes.isEmpty {
                    #expect(result.status == 0, "\(run): \(result.output)")
                    #expect(try cli.read("out.bin") == CMSTestSupport.content)
                } else {
                    #expect(result.status != 0, "OpenSSL now verifies SM2 CMS with the GM/T default ID: \(run)")
                    #expect(result.output.contains("verif"))
                }
            }
        }
    }

    /// OpenSSL 3.0's `cms -sign` cannot produce SM2 SignedData: the SignerInfo's signature
    /// algorithm is never set for SM2 keys and writing fails ("illegal zero content"), with or
    /// without signed attributes. This is why CMSBuilder assembles the DER itself.
    @Test func openSSL30CLICannotSignSM2CMS() throws {
        let pki = try TestPKI(algorithm: .sm2)
        let cli = try OpenSSLCLI()
        try CMSTestSupport.writeFiles(pki, cli)
        try cli.write("msg.bin", CMSTestSupport.content)
        for extra in [[], ["-noattr"], ["-keyopt", "distid:1234567812345678"]] {
            let result = try cli.run(
                [
                    "cms", "-sign", "-binary", "-md", "sm3", "-in", "msg.bin", "-signer", "leaf.pem", "-inkey",
                    "leaf.key", "-nodetach", "-outform", "DER", "-out", "sm2.der",
                ] + extra)
            #expect(result.status != 0, "OpenSSL can now sign SM2 CMS (\(extra)): add a CLI → EGovKit SM2 test")
        }
    }
}
