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

    /// Two CRLs of the intermediate with the same thisUpdate: `old.pem` (cRLNumber 1) does not list
    /// the leaf, `new.pem` (cRLNumber 2) lists it as revoked.
    static func oldAndNewCRLs(_ algorithm: TestPKI.Algorithm = .p256) throws -> (
        TestPKI.PEMFiles, TemporaryDirectory
    ) {
        let dir = try TemporaryDirectory()
        var pki = try TestPKI(algorithm: algorithm)
        let old = try pki.crl(crlNumber: 1)
        pki.revoke(pki.leaf.certificate.serialNumber)
        try dir.write("old.pem", old.pemRepresentation)
        try dir.write("new.pem", try pki.crl(crlNumber: 2).pemRepresentation)
        return (try pki.writePEMFiles(to: dir.url), dir)
    }

    @Test("verify: the newest of two equally timed CRLs decides, in either order (revoked, 1)")
    func newestCRLDecides() async throws {
        let (pem, dir) = try Self.oldAndNewCRLs()
        defer { dir.remove() }
        for order in [["old.pem", "new.pem"], ["new.pem", "old.pem"]] {
            let result = try await CLIRunner.egov(
                ["x509", "verify", "--trust", pem.root.path, "--untrusted", pem.intermediate.path, "--at", Self.at]
                    + order.flatMap { ["--crl", dir.path($0)] } + [pem.leaf.path])
            #expect(result.status == 1, "\(order): \(result.stdout)")
            #expect(try result.json()["error"] as? String == "x509.chain.revoked", "\(order)")
        }
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

    @Test("show: the fingerprint agrees with openssl; a certificate with a non-DER length is bad input (65)")
    func showRequiresDER() async throws {
        let (pem, dir) = try files()
        defer { dir.remove() }
        let result = try await CLIRunner.egov(["x509", "show", pem.leaf.path])
        #expect(result.status == 0, "\(result.stderr)")
        let fingerprint = try #require(try result.json()["sha256Fingerprint"] as? String)
        let openssl = try await CLIRunner.openssl(["x509", "-in", pem.leaf.path, "-noout", "-fingerprint", "-sha256"])
        #expect(openssl.stdout.replacingOccurrences(of: ":", with: "").lowercased().contains(fingerprint))
        // The same certificate with its outer length in a non-minimal form (30 84 00 00 xx xx).
        let der = try Certificate(pemRepresentation: String(contentsOf: pem.leaf, encoding: .utf8)).derRepresentation
        try #require(der[0] == 0x30 && der[1] == 0x82)
        let stretched = [0x30, 0x84, 0x00, 0x00] + der[2...]
        try dir.write("stretched.pem", PEMDocument(label: "CERTIFICATE", der: Array(stretched)).pemString)
        let show = try await CLIRunner.egov(["x509", "show", dir.path("stretched.pem")])
        #expect(show.status == 65, "\(show.stdout)")
        #expect(try show.errorJSON()["error"] == "crypto.der.malformed")
        let verify = try await CLIRunner.egov([
            "x509", "verify", "--trust", pem.root.path, "--untrusted", pem.intermediate.path, "--at", Self.at,
            dir.path("stretched.pem"),
        ])
        #expect(verify.status == 65, "\(verify.stdout)")
    }
}
