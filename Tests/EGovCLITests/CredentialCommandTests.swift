import EGovCertificates
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@Suite("egov credential and egov status-list")
struct CredentialCommandTests {
    static let at = "2026-01-01T00:00:00Z"

    @Test("issue with --sd all, present three claims with key binding, verify (0); wrong nonce (1)")
    func issuePresentVerify() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        for (name, alg) in [("issuer", "ES256"), ("holder", "EdDSA")] {
            let generated = try await CLIRunner.egov([
                "key", "generate", "--alg", alg, "--out", dir.path("\(name).pem"),
            ])
            #expect(generated.status == 0)
        }
        let holderPublic = try await CLIRunner.egov(["key", "public", "--in", dir.path("holder.pem")])
        try dir.write("holder.pub", holderPublic.stdout)
        try dir.write(
            "claims.json",
            #"{"licence_number":"IAM-2026-0001","holder_name":"Boa Mesa Lda.","address":"Rua 1","seats":48}"#)
        let issued = try await CLIRunner.egov([
            "credential", "issue", "--key", dir.path("issuer.pem"), "--issuer", "https://iam.gov.mo", "--vct",
            "https://credentials.gov.mo/food-establishment-licence", "--claims", dir.path("claims.json"), "--sd", "all",
            "--holder-key", dir.path("holder.pub"), "--status-uri", "https://iam.gov.mo/status/1", "--status-idx", "7",
            "--exp", "2027-01-01T00:00:00Z", "--at", Self.at,
        ])
        #expect(issued.status == 0, "\(issued.stderr)")
        try dir.write("vc.txt", issued.stdout)
        let presented = try await CLIRunner.egov([
            "credential", "present", "--holder-key", dir.path("holder.pem"), "--disclose", "licence_number,holder_name",
            "--aud", "counter", "--nonce", "n1", "--at", Self.at, dir.path("vc.txt"),
        ])
        #expect(presented.status == 0, "\(presented.stderr)")
        try dir.write("vp.txt", presented.stdout)
        let issuerPublic = try await CLIRunner.egov(["key", "public", "--in", dir.path("issuer.pem")])
        try dir.write("issuer.pub", issuerPublic.stdout)
        let verified = try await CLIRunner.egov([
            "credential", "verify", "--issuer-key", dir.path("issuer.pub"), "--aud", "counter", "--nonce", "n1", "--at",
            Self.at, dir.path("vp.txt"),
        ])
        #expect(verified.status == 0, "\(verified.stdout)")
        let json = try verified.json()
        #expect(json["holderBound"] as? Bool == true)
        #expect(json["status"] as? String == "unknown")
        let claims = try #require(json["claims"] as? [String: Any])
        #expect(claims["licence_number"] as? String == "IAM-2026-0001")
        #expect(claims["address"] == nil)
        let wrongNonce = try await CLIRunner.egov([
            "credential", "verify", "--issuer-key", dir.path("issuer.pub"), "--aud", "counter", "--nonce", "n2", "--at",
            Self.at, dir.path("vp.txt"),
        ])
        #expect(wrongNonce.status == 1)
        #expect((try wrongNonce.json()["error"] as? String)?.hasPrefix("certificates.sdjwt.") == true)
        let expired = try await CLIRunner.egov([
            "credential", "verify", "--issuer-key", dir.path("issuer.pub"), "--at", "2028-01-01T00:00:00Z",
            dir.path("vc.txt"),
        ])
        #expect(expired.status == 1)
    }

    @Test("status-list decode prints the non-zero entries of the published example")
    func statusListDecode() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        try dir.write("list.json", #"{"bits":2,"lst":"eNo76fITAAPfAgc"}"#)
        let decoded = try await CLIRunner.egov(["status-list", "decode", dir.path("list.json")])
        #expect(decoded.status == 0, "\(decoded.stderr)")
        let entries = try #require(try decoded.json()["entries"] as? [String: Int])
        // 1,2,0,3,0,1,0,1,1,2,3,3 for indices 0..11.
        #expect(entries == ["0": 1, "1": 2, "3": 3, "5": 1, "7": 1, "8": 1, "9": 2, "10": 3, "11": 3])
        try dir.write("bad.json", #"{"bits":3,"lst":"eNo76fITAAPfAgc"}"#)
        #expect(try await CLIRunner.egov(["status-list", "decode", dir.path("bad.json")]).status == 65)
    }
}

@Suite("egov credential with an x5c-trusted issuer")
struct CredentialTrustCommandTests {
    @Test("issue with --cert/--chain, verify with --trust (0) and with the wrong roots (1)")
    func trustedThroughCertificates() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let pki = try EGovTesting.TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let files = try pki.writePEMFiles(to: dir.url)
        try dir.write("claims.json", #"{"proof_type":"residence","reference":"R-1"}"#)
        let issued = try await CLIRunner.egov([
            "credential", "issue", "--key", files.leafKey.path, "--cert", files.leaf.path, "--chain", files.intermediate.path,
            "--issuer", "https://dsi.gov.mo", "--vct", "https://credentials.gov.mo/residence-proof", "--claims",
            dir.path("claims.json"), "--sd", "reference", "--at", "2026-01-01T00:00:00Z",
        ])
        #expect(issued.status == 0, "\(issued.stderr)")
        try dir.write("vc.txt", issued.stdout)
        let verified = try await CLIRunner.egov([
            "credential", "verify", "--trust", files.root.path, "--issuer-org-id", "NTREE-00000000", "--at",
            "2026-01-01T00:00:00Z", dir.path("vc.txt"),
        ])
        #expect(verified.status == 0, "\(verified.stdout)")
        // Without a binding, iss must be a SAN URI of the seal certificate, which this one lacks.
        let unbound = try await CLIRunner.egov([
            "credential", "verify", "--trust", files.root.path, "--at", "2026-01-01T00:00:00Z", dir.path("vc.txt"),
        ])
        #expect(unbound.status == 1)
        #expect(try unbound.json()["error"] as? String == "certificates.credential.issuer_certificate_binding")
        let other = try EGovTesting.TestPKI(algorithm: .p256)
        try dir.write("other-root.pem", other.root.certificate.pemRepresentation)
        let untrusted = try await CLIRunner.egov([
            "credential", "verify", "--trust", dir.path("other-root.pem"), "--at", "2026-01-01T00:00:00Z", dir.path("vc.txt"),
        ])
        #expect(untrusted.status == 1)
    }
}
