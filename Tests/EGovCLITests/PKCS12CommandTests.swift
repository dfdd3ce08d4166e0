import EGovCrypto
import EGovTesting
import Foundation
import Testing

@Suite("egov key public and egov sign with --p12")
struct PKCS12CommandTests {
    static let at = "2026-01-01T00:00:00Z"
    static let password = "p12 test password"

    /// The TestPKI files plus `bundle.p12` (modern), `legacy.p12` (-legacy) and password files.
    func files(_ algorithm: TestPKI.Algorithm = .p256) async throws -> (TestPKI.PEMFiles, TemporaryDirectory) {
        let dir = try TemporaryDirectory()
        let pki = try TestPKI(algorithm: algorithm)
        let files = try pki.writePEMFiles(to: dir.url)
        try dir.write("doc.txt", "application for a food licence\n")
        try dir.write("password.txt", Self.password + "\n")
        try dir.write("password-crlf.txt", Self.password + "\r\n")
        try dir.write("password-bare.txt", Self.password)
        try dir.write("password-two-newlines.txt", Self.password + "\n\n")
        try dir.write("wrong.txt", "not the password\n")
        for (name, extra) in [("bundle.p12", [String]()), ("legacy.p12", ["-legacy"])] {
            let export = try await CLIRunner.openssl(
                [
                    "pkcs12", "-export", "-inkey", files.leafKey.path, "-in", files.leaf.path, "-certfile",
                    files.chain.path, "-passout", "pass:\(Self.password)", "-out", dir.path(name),
                ] + extra)
            #expect(export.status == 0, "\(export.stderr)")
        }
        return (files, dir)
    }

    @Test("key public prints the bundle's public key (pem, jwk); every password file form works")
    func keyPublic() async throws {
        let (pem, dir) = try await files()
        defer { dir.remove() }
        let expected = try await CLIRunner.egov(["key", "public", "--in", pem.leafKey.path])
        #expect(expected.status == 0)
        for passwordFile in ["password.txt", "password-crlf.txt", "password-bare.txt"] {
            let result = try await CLIRunner.egov([
                "key", "public", "--p12", dir.path("bundle.p12"), "--password-file", dir.path(passwordFile),
            ])
            #expect(result.status == 0, "\(passwordFile): \(result.stderr)")
            #expect(result.stdout == expected.stdout)
        }
        let jwk = try await CLIRunner.egov([
            "key", "public", "--p12", dir.path("bundle.p12"), "--password-file", dir.path("password.txt"), "--format",
            "jwk",
        ])
        #expect(jwk.status == 0, "\(jwk.stderr)")
        #expect(try jwk.json()["kty"] as? String == "EC")
    }

    @Test("a wrong password exits 65 with crypto.pkcs12.wrong_password and never echoes the password")
    func wrongPassword() async throws {
        let (_, dir) = try await files()
        defer { dir.remove() }
        for passwordFile in ["wrong.txt", "password-two-newlines.txt"] {
            for command in [
                ["key", "public"], ["sign", "--format", "cms", dir.path("doc.txt")],
            ] {
                let result = try await CLIRunner.egov(
                    command + ["--p12", dir.path("bundle.p12"), "--password-file", dir.path(passwordFile)])
                #expect(result.status == 65, "\(command) \(passwordFile)")
                #expect(try result.errorJSON()["error"] == "crypto.pkcs12.wrong_password")
                #expect(!result.stderr.contains("not the password"))
                #expect(!result.stderr.contains(Self.password))
            }
        }
    }

    @Test("legacy files need --allow-legacy-p12")
    func legacy() async throws {
        let (_, dir) = try await files()
        defer { dir.remove() }
        let refused = try await CLIRunner.egov([
            "key", "public", "--p12", dir.path("legacy.p12"), "--password-file", dir.path("password.txt"),
        ])
        #expect(refused.status == 65)
        #expect(try refused.errorJSON()["error"] == "crypto.pkcs12.legacy_encryption")
        let allowed = try await CLIRunner.egov([
            "key", "public", "--p12", dir.path("legacy.p12"), "--password-file", dir.path("password.txt"),
            "--allow-legacy-p12",
        ])
        if allowed.status != 0 {
            #expect(try allowed.errorJSON()["error"] == "crypto.pkcs12.legacy_unavailable")
        }
    }

    @Test(
        "sign --p12 makes a CMS that openssl cms -verify accepts, and one egov verify passes",
        arguments: [TestPKI.Algorithm.p256, .rsa], ["cms", "cms-detached"])
    func signVerifiesWithOpenSSL(_ algorithm: TestPKI.Algorithm, format: String) async throws {
        let (pem, dir) = try await files(algorithm)
        defer { dir.remove() }
        let signed = try await CLIRunner.egov([
            "sign", "--p12", dir.path("bundle.p12"), "--password-file", dir.path("password.txt"), "--format", format,
            "--at", Self.at, "--out", dir.path("sig.cms"), dir.path("doc.txt"),
        ])
        #expect(signed.status == 0, "\(signed.stderr)")
        let attime = String(Int(TestPKI.referenceDate.timeIntervalSince1970))
        let verified = try await CLIRunner.openssl(
            [
                "cms", "-verify", "-binary", "-inform", "PEM", "-in", dir.path("sig.cms"), "-CAfile", pem.root.path,
                "-purpose", "any", "-attime", attime, "-out", dir.path("out.txt"),
            ] + (format == "cms-detached" ? ["-content", dir.path("doc.txt")] : []))
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(try dir.read("out.txt") == "application for a food licence\n")
        let detached = format == "cms-detached" ? ["--data", dir.path("doc.txt")] : []
        let egov = try await CLIRunner.egov(
            ["verify", "--trust", pem.root.path, "--at", Self.at] + detached + [dir.path("sig.cms")])
        #expect(egov.status == 0, "\(egov.stdout)")
    }

    @Test("sign --p12 in the JWS formats")
    func signJWS() async throws {
        let (pem, dir) = try await files()
        defer { dir.remove() }
        for format in ["jws", "jws-detached"] {
            let signed = try await CLIRunner.egov([
                "sign", "--p12", dir.path("bundle.p12"), "--password-file", dir.path("password.txt"), "--format",
                format, "--at", Self.at, "--out", dir.path("sig"), dir.path("doc.txt"),
            ])
            #expect(signed.status == 0, "\(signed.stderr)")
            let detached = format == "jws-detached" ? ["--data", dir.path("doc.txt")] : []
            let verified = try await CLIRunner.egov(
                ["verify", "--trust", pem.root.path, "--at", Self.at] + detached + [dir.path("sig")])
            #expect(verified.status == 0, "\(verified.stdout)")
        }
    }

    @Test("usage: --p12 is not combined with --key/--cert/--chain and needs --password-file")
    func usage() async throws {
        let (pem, dir) = try await files()
        defer { dir.remove() }
        let p12 = ["--p12", dir.path("bundle.p12"), "--password-file", dir.path("password.txt")]
        let cases: [[String]] = [
            ["sign", "--format", "cms", "--key", pem.leafKey.path] + p12 + [dir.path("doc.txt")],
            ["sign", "--format", "cms", "--cert", pem.leaf.path] + p12 + [dir.path("doc.txt")],
            ["sign", "--format", "cms", "--chain", pem.chain.path] + p12 + [dir.path("doc.txt")],
            ["sign", "--format", "cms", "--p12", dir.path("bundle.p12"), dir.path("doc.txt")],
            ["sign", "--format", "cms", "--key", pem.leafKey.path, dir.path("doc.txt")],
            [
                "sign", "--format", "cms", "--key", pem.leafKey.path, "--cert", pem.leaf.path, "--allow-legacy-p12",
                dir.path("doc.txt"),
            ],
            ["key", "public", "--in", pem.leafKey.path] + p12,
            ["key", "public", "--password-file", dir.path("password.txt")],
            ["key", "public"],
        ]
        for arguments in cases {
            let result = try await CLIRunner.egov(arguments)
            #expect(result.status == 64, "\(arguments): \(result.stderr)")
        }
        let corrupt = try await CLIRunner.egov([
            "key", "public", "--p12", pem.leaf.path, "--password-file",
            dir.path("password.txt"),
        ])
        #expect(corrupt.status == 65)
        #expect(try corrupt.errorJSON()["error"] == "crypto.pkcs12.malformed")
    }
}
