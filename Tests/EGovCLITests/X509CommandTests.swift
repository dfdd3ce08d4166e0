import EGovCrypto
import EGovTesting
import Foundation
import Testing

@Suite("egov x509")
struct X509CommandTests {
    /// Inside every certificate's validity window of the test PKI.
    static let at = "2026-01-01T00:00:00Z"

    func files(_ algorithm: TestPKI.Algorithm = .p256, revokeLeaf: Bool = false) throws -> (
        TestPKI.PEMFiles, TemporaryDirectory
    ) {
        let dir = try TemporaryDirectory()
        var pki = try TestPKI(algorithm: algorithm)
        if revokeLeaf { pki.revoke(pki.leaf.certificate.serialNumber) }
        return (try pki.writePEMFiles(to: dir.url), dir)
    }

    @Test(
        "verify: a valid three-level chain (P-256 and SM2) exits 0 and lists the chain",
        arguments: [TestPKI.Algorithm.p256, .sm2])
    func valid(_ algorithm: TestPKI.Algorithm) async throws {
        let (pem, dir) = try files(algorithm)
        defer { dir.remove() }
        let result = try await CLIRunner.egov([
            "x509", "verify", "--trust", pem.root.path, "--untrusted", pem.intermediate.path, "--at", Self.at,
            "--purpose", "signing", pem.leaf.path,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try result.json()
        #expect(json["valid"] as? Bool == true)
        #expect((json["chain"] as? [String])?.count == 3)
        #expect(json["error"] is NSNull)
    }

    @Test("verify: expired (1), missing intermediate (2), wrong purpose (1), revoked (1)")
    func failures() async throws {
        let (pem, dir) = try files(revokeLeaf: true)
        defer { dir.remove() }
        let base = ["x509", "verify", "--trust", pem.root.path]
        let expired = try await CLIRunner.egov(
            base + ["--untrusted", pem.intermediate.path, "--at", "2030-01-01T00:00:00Z", pem.leaf.path])
        #expect(expired.status == 1)
        #expect(try expired.json()["error"] as? String == "x509.chain.expired")
        let missing = try await CLIRunner.egov(base + ["--at", Self.at, pem.leaf.path])
        #expect(missing.status == 2)
        #expect(try missing.json()["error"] as? String == "x509.chain.issuer_not_found")
        let purpose = try await CLIRunner.egov(
            base + ["--untrusted", pem.intermediate.path, "--at", Self.at, "--purpose", "server", pem.leaf.path])
        #expect(purpose.status == 1)
        #expect(try purpose.json()["error"] as? String == "x509.chain.purpose_mismatch")
        let revoked = try await CLIRunner.egov(
            base + ["--untrusted", pem.intermediate.path, "--crl", pem.crl.path, "--at", Self.at, pem.leaf.path])
        #expect(revoked.status == 1)
        #expect(try revoked.json()["error"] as? String == "x509.chain.revoked")
    }

    @Test("verify and show: bad input exits 65, bad time 64")
    func badInput() async throws {
        let (pem, dir) = try files()
        defer { dir.remove() }
        try dir.write("junk.pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n")
        let junk = try await CLIRunner.egov(["x509", "verify", "--trust", pem.root.path, dir.path("junk.pem")])
        #expect(junk.status == 65)
        let show = try await CLIRunner.egov(["x509", "show", dir.path("junk.pem")])
        #expect(show.status == 65)
        #expect(try show.errorJSON()["error"] == "crypto.der.malformed")
        let time = try await CLIRunner.egov([
            "x509", "verify", "--trust", pem.root.path, "--at", "yesterday", pem.leaf.path,
        ])
        #expect(time.status == 64)
    }

    @Test("show prints the summary; fields agree with openssl")
    func show() async throws {
        let (pem, dir) = try files()
        defer { dir.remove() }
        let result = try await CLIRunner.egov(["x509", "show", pem.leaf.path])
        #expect(result.status == 0, "\(result.stderr)")
        let json = try result.json()
        let serial = try #require(json["serialNumber"] as? String)
        let openssl = try await CLIRunner.openssl(["x509", "-in", pem.leaf.path, "-noout", "-serial"])
        #expect(openssl.stdout.lowercased().contains(serial.lowercased()))
    }
}
