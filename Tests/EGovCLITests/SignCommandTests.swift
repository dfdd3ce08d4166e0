import EGovCrypto
import EGovTesting
import Foundation
import Testing

@Suite("egov sign and egov verify")
struct SignCommandTests {
    static let at = "2026-01-01T00:00:00Z"

    func files() throws -> (TestPKI.PEMFiles, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        let pki = try TestPKI(algorithm: .p256)
        let files = try pki.writePEMFiles(to: dir.url)
        let tsa = try pki.issueLeaf(profile: .timestamping)
        try dir.write("tsa.pem", tsa.certificate.pemRepresentation)
        try dir.write("tsa.key", try tsa.privateKey.pkcs8PEMRepresentation())
        try dir.write("doc.txt", "application for a food licence\n")
        return (files, dir)
    }

    @Test(
        "sign in every format, verify passes (0); tampered data fails (1); unknown trust is indeterminate (2)",
        arguments: ["jws", "jws-detached", "cms", "cms-detached"])
    func roundTrip(format: String) async throws {
        let (pem, dir) = try files()
        defer { dir.remove() }
        let signed = try await CLIRunner.egov([
            "sign", "--key", pem.leafKey.path, "--cert", pem.leaf.path, "--chain", pem.intermediate.path, "--format",
            format,
            "--at", Self.at, "--out", dir.path("sig"), dir.path("doc.txt"),
        ])
        #expect(signed.status == 0, "\(signed.stderr)")
        let detached = format.hasSuffix("detached") ? ["--data", dir.path("doc.txt")] : []
        let verified = try await CLIRunner.egov(
            ["verify", "--trust", pem.root.path, "--at", Self.at] + detached + [dir.path("sig")])
        #expect(verified.status == 0, "\(verified.stdout)")
        let report = try #require(try verified.json()["report"] as? [String: Any])
        #expect(report["indication"] as? String == "TOTAL_PASSED")
        let summary = try #require(try verified.json()["summary"] as? [String: String])
        #expect(summary["zh-Hant"]?.contains("高級電子簽名") == true)

        if !detached.isEmpty {
            try dir.write("other.txt", "something else\n")
            let tampered = try await CLIRunner.egov([
                "verify", "--trust", pem.root.path, "--at", Self.at, "--data", dir.path("other.txt"), dir.path("sig"),
            ])
            #expect(tampered.status == 1)
        }
        let untrusted = try await CLIRunner.egov(
            ["verify", "--trust", pem.leaf.path, "--at", Self.at] + detached + [dir.path("sig")])
        #expect(untrusted.status == 2)
    }

    @Test("a local TSA adds a signature time-stamp that proves the signing time later")
    func timestamped() async throws {
        let (pem, dir) = try files()
        defer { dir.remove() }
        for format in ["cms", "jws"] {
            let signed = try await CLIRunner.egov([
                "sign", "--key", pem.leafKey.path, "--cert", pem.leaf.path, "--chain", pem.intermediate.path,
                "--format",
                format, "--tsa-key", dir.path("tsa.key"), "--tsa-cert", dir.path("tsa.pem"), "--at", Self.at, "--out",
                dir.path("sig.\(format)"), dir.path("doc.txt"),
            ])
            #expect(signed.status == 0, "\(signed.stderr)")
            // Two years later the signer's certificate has expired; the time-stamp still proves it.
            let later = try await CLIRunner.egov([
                "verify", "--trust", pem.root.path, "--at", "2028-01-01T00:00:00Z", dir.path("sig.\(format)"),
            ])
            #expect(later.status == 0, "\(format): \(later.stdout)")
        }
        let plain = try await CLIRunner.egov([
            "sign", "--key", pem.leafKey.path, "--cert", pem.leaf.path, "--format", "cms", "--at", Self.at, "--out",
            dir.path("plain"), dir.path("doc.txt"),
        ])
        #expect(plain.status == 0)
        let later = try await CLIRunner.egov([
            "verify", "--trust", pem.root.path, "--untrusted-ignored-placeholder", dir.path("plain"),
        ])
        #expect(later.status == 64)
        let expired = try await CLIRunner.egov([
            "verify", "--trust", pem.root.path, "--at", "2028-01-01T00:00:00Z", dir.path("plain"),
        ])
        #expect(expired.status == 2)
    }

    @Test("verify: the newest of two equally timed CRLs decides, in either order (TOTAL_FAILED, 1)")
    func newestCRLDecides() async throws {
        let (pem, dir) = try X509CommandTests.oldAndNewCRLs()
        defer { dir.remove() }
        try dir.write("doc.txt", "application for a food licence\n")
        let signed = try await CLIRunner.egov([
            "sign", "--key", pem.leafKey.path, "--cert", pem.leaf.path, "--chain", pem.intermediate.path,
            "--format", "jws", "--at", Self.at, "--out", dir.path("sig"), dir.path("doc.txt"),
        ])
        #expect(signed.status == 0, "\(signed.stderr)")
        for order in [["old.pem", "new.pem"], ["new.pem", "old.pem"]] {
            let verified = try await CLIRunner.egov(
                ["verify", "--trust", pem.root.path, "--at", Self.at] + order.flatMap { ["--crl", dir.path($0)] }
                    + [dir.path("sig")])
            #expect(verified.status == 1, "\(order): \(verified.stdout)")
            let report = try #require(try verified.json()["report"] as? [String: Any])
            #expect(report["indication"] as? String == "TOTAL_FAILED", "\(order)")
        }
    }

    @Test("usage and bad input")
    func errors() async throws {
        let (pem, dir) = try files()
        defer { dir.remove() }
        let both = try await CLIRunner.egov(["verify", dir.path("doc.txt")])
        #expect(both.status == 64)
        let garbage = try await CLIRunner.egov(["verify", "--trust", pem.root.path, dir.path("doc.txt")])
        #expect(garbage.status == 1)  // not a signature: TOTAL_FAILED / FORMAT_FAILURE
        let wrongKey = try await CLIRunner.egov([
            "sign", "--key", pem.rootKey.path, "--cert", pem.leaf.path, "--format", "cms", dir.path("doc.txt"),
        ])
        #expect(wrongKey.status == 65)
        let tsaHalf = try await CLIRunner.egov([
            "sign", "--key", pem.leafKey.path, "--cert", pem.leaf.path, "--format", "cms", "--tsa-key",
            dir.path("tsa.key"),
            dir.path("doc.txt"),
        ])
        #expect(tsaHalf.status == 64)
    }
}
