import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

/// Interoperability with `openssl ts` (/usr/bin/openssl): requests made by the CLI are answered
/// by ``TimeStampAuthority`` and the CLI accepts the answers; responses made by
/// `openssl ts -reply` parse and verify here. The CLI must be installed (CI installs it).
@Suite struct TimestampInteropTests {
    /// The reference date as seconds since the epoch, for `-attime`.
    static let referenceEpoch = String(Int(TestPKI.referenceDate.timeIntervalSince1970))

    /// Writes root, TSA certificate, chain and data into the CLI's directory.
    static func prepare(_ cli: OpenSSLCLI, _ fixture: TimeStampFixture) throws {
        try cli.write("root.pem", fixture.root.pemRepresentation)
        try cli.write("tsa.pem", fixture.tsa.certificate.pemRepresentation)
        try cli.write("chain.pem", fixture.pki.intermediate.certificate.pemRepresentation)
        try cli.write("data.txt", TimeStampFixture.data)
    }

    @Test(arguments: [TestPKI.Algorithm.p256, .rsa])
    func cliRequestIsAnsweredAndTheCLIAcceptsTheResponse(_ algorithm: TestPKI.Algorithm) throws {
        let cli = try OpenSSLCLI()
        let fixture = try TimeStampFixture(algorithm)
        try Self.prepare(cli, fixture)
        try cli.runOK(["ts", "-query", "-data", "data.txt", "-sha256", "-cert", "-out", "req.tsq"])

        let request = try TimeStampRequest(derRepresentation: cli.read("req.tsq"))
        #expect(request.digest == HashAlgorithm.sha256.hash(TimeStampFixture.data))
        #expect(request.requestCertificate)
        #expect(request.nonce != nil)

        try cli.write("resp.tsr", fixture.tsa.authority.respond(to: cli.read("req.tsq")))
        let output = try cli.runOK([
            "ts", "-verify", "-data", "data.txt", "-in", "resp.tsr", "-CAfile", "root.pem", "-untrusted", "tsa.pem",
            "-attime", Self.referenceEpoch,
        ])
        #expect(output.contains("Verification: OK"), "\(output)")
        // The CLI also matches the response to its own request (imprint, nonce, version).
        let againstQuery = try cli.runOK([
            "ts", "-verify", "-queryfile", "req.tsq", "-in", "resp.tsr", "-CAfile", "root.pem", "-untrusted",
            "tsa.pem", "-attime", Self.referenceEpoch,
        ])
        #expect(againstQuery.contains("Verification: OK"), "\(againstQuery)")

        // The CLI refuses our answer for other data.
        try cli.write("other.txt", Array("other data".utf8))
        let refused = try cli.run([
            "ts", "-verify", "-data", "other.txt", "-in", "resp.tsr", "-CAfile", "root.pem", "-untrusted", "tsa.pem",
            "-attime", Self.referenceEpoch,
        ])
        #expect(refused.status != 0)

        // The CLI's text view shows the ESS signing-certificate-v2 attribute and our policy.
        let text = try cli.runOK(["ts", "-reply", "-in", "resp.tsr", "-text"])
        #expect(text.contains("Status: Granted."), "\(text)")
        #expect(text.contains(LocalTimeStampAuthority.testPolicyOID), "\(text)")
        try cli.runOK(["ts", "-reply", "-in", "resp.tsr", "-token_out", "-out", "token.der"])
        let cms = try cli.runOK(["cms", "-cmsout", "-print", "-inform", "DER", "-in", "token.der", "-noout"])
        #expect(cms.contains("id-smime-aa-signingCertificateV2"), "\(cms)")
    }

    @Test func cliRequestWithSHA1IsRejectedWithBadAlg() throws {
        let cli = try OpenSSLCLI()
        let fixture = try TimeStampFixture()
        try Self.prepare(cli, fixture)
        try cli.runOK(["ts", "-query", "-data", "data.txt", "-sha1", "-cert", "-out", "req.tsq"])
        #expect(
            timeStampError { _ = try TimeStampRequest(derRepresentation: cli.read("req.tsq")) }
                == .unsupportedHashAlgorithm("1.3.14.3.2.26"))
        let response = try TimeStampResponse(derRepresentation: fixture.tsa.authority.respond(to: cli.read("req.tsq")))
        #expect(response.status == .rejection)
        #expect(response.failureInfo == ["badAlg"])
        #expect(response.token == nil)
    }

    @Test(arguments: [TestPKI.Algorithm.p256, .rsa])
    func cliResponseVerifiesHere(_ algorithm: TestPKI.Algorithm) throws {
        let cli = try OpenSSLCLI()
        let fixture = try TimeStampFixture(algorithm)
        try Self.prepare(cli, fixture)
        try cli.write("tsa.key", fixture.tsa.issued.privateKey.pkcs8PEMRepresentation())
        try cli.write("serial", "0A\n")
        try cli.write(
            "tsa.cnf",
            """
            [tsa]
            default_tsa = tsa_config1

            [tsa_config1]
            serial = ./serial
            crypto_device = builtin
            signer_cert = ./tsa.pem
            certs = ./chain.pem
            signer_key = ./tsa.key
            signer_digest = sha256
            default_policy = 1.2.3.4.1
            other_policies = 1.2.3.4.5
            digests = sha256, sha384, sha512
            accuracy = secs:1, millisecs:500
            clock_precision_digits = 3
            ordering = yes
            tsa_name = no
            ess_cert_id_chain = no
            ess_cert_id_alg = sha256

            """)
        let request = try TimeStampRequest.forData(TimeStampFixture.data)
        try cli.write("req.tsq", request.derRepresentation)
        try cli.runOK(["ts", "-reply", "-config", "tsa.cnf", "-queryfile", "req.tsq", "-out", "resp.tsr"])

        let response = try TimeStampResponse(derRepresentation: cli.read("resp.tsr"))
        #expect(response.status == .granted)
        let token = try #require(response.token)
        #expect(token.policyOID == "1.2.3.4.1")
        #expect(token.nonce == request.nonce)
        #expect(token.serialNumber == "0b")  // the CLI increments the serial file before use
        #expect(token.accuracy == 1.5)
        // genTime carries milliseconds (clock_precision_digits = 3); they are kept.
        let genTimeText = try cli.runOK(["ts", "-reply", "-in", "resp.tsr", "-text"])
        let line = try #require(genTimeText.split(separator: "\n").first { $0.hasPrefix("Time stamp: ") })
        // e.g. "Time stamp: Nov 21 06:11:00.123 2026 GMT"; no fraction when it is zero.
        let fractionText = line.split(separator: " ").first { $0.contains(":") && $0.contains(".") }?
            .split(separator: ".").last.map(String.init)
        let expected = fractionText.map { Int($0.padding(toLength: 3, withPad: "0", startingAt: 0)) ?? -1 } ?? 0
        let fraction = token.generationTime.timeIntervalSince1970.truncatingRemainder(dividingBy: 1)
        #expect(Int((fraction * 1000).rounded()) == expected, "\(line)")
        #expect(token.tsaCertificate == fixture.tsa.certificate)
        #expect(token.certificates.contains(fixture.pki.intermediate.certificate))
        let verification = token.verify(
            digest: request.digest, hashAlgorithm: .sha256, expectedNonce: request.nonce,
            trustAnchors: [fixture.root], at: TestPKI.referenceDate)
        #expect(verification.isValid, "\(String(describing: verification.failure))")
        #expect(verification.chain.count == 3)

        // The token alone, as `-token_out` writes it, parses to the same token.
        try cli.runOK(["ts", "-reply", "-in", "resp.tsr", "-token_out", "-out", "token.der"])
        #expect(try TimeStampToken(derRepresentation: cli.read("token.der")) == token)

        // A rejected CLI response (unaccepted policy) is a typed rejection.
        let foreign = try TimeStampRequest(
            digest: request.digest, hashAlgorithm: .sha256, policyOID: "1.2.3.4.9")
        try cli.write("foreign.tsq", foreign.derRepresentation)
        try cli.runOK(["ts", "-reply", "-config", "tsa.cnf", "-queryfile", "foreign.tsq", "-out", "foreign.tsr"])
        let rejected = try TimeStampResponse(derRepresentation: cli.read("foreign.tsr"))
        #expect(rejected.status == .rejection)
        #expect(rejected.failureInfo == ["unacceptedPolicy"])
        #expect(rejected.statusText.isEmpty == false)
    }

    /// Documents why ``TimeStampAuthority`` refuses SM2: OpenSSL 3.0 itself cannot sign a
    /// time-stamp token with an SM2 key (PKCS7_SIGNER_INFO_set: "signing not supported for
    /// this key type"), whatever the signer digest; it answers with a rejection instead.
    @Test(arguments: ["sm3", "sha256"])
    func openSSLCannotSignTimeStampTokensWithSM2(_ signerDigest: String) throws {
        let cli = try OpenSSLCLI()
        let pki = try TestPKI(algorithm: .sm2, leafProfile: .timestamping)
        try cli.write("tsa.pem", pki.leaf.certificate.pemRepresentation)
        try cli.write("tsa.key", pki.leaf.privateKey.pkcs8PEMRepresentation())
        try cli.write("serial", "01\n")
        try cli.write(
            "tsa.cnf",
            """
            [tsa]
            default_tsa = tsa_config1

            [tsa_config1]
            serial = ./serial
            signer_cert = ./tsa.pem
            signer_key = ./tsa.key
            signer_digest = \(signerDigest)
            default_policy = 1.2.3.4.1
            digests = sha256, sm3
            ess_cert_id_alg = sha256

            """)
        let request = try TimeStampRequest.forData(TimeStampFixture.data)
        try cli.write("req.tsq", request.derRepresentation)
        let result = try cli.run(["ts", "-reply", "-config", "tsa.cnf", "-queryfile", "req.tsq", "-out", "resp.tsr"])
        #expect(result.output.contains("signing not supported for this key type"), "\(result.output)")
        let response = try TimeStampResponse(derRepresentation: cli.read("resp.tsr"))
        #expect(response.status == .rejection)
        #expect(response.token == nil)
    }
}
