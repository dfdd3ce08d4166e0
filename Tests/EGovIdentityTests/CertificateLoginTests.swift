import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@testable import EGovIdentity

@Suite struct CertificateLoginTests {
    @Test(arguments: [TestPKI.Algorithm.p256, .sm2])
    func hardwareCertificateLoginReachesHigh(_ algorithm: TestPKI.Algorithm) throws {
        let pki = try TestPKI(algorithm: algorithm)
        let clock = ManualClock(TestPKI.referenceDate)
        let leaf = try pki.issueLeaf(profile: .personSigning, qcStatements: true)
        let login = CertificateLogin(trustAnchors: [pki.root.certificate], clock: clock)
        let challenge = try login.challenge(for: "https://account.gov.mo")
        let signing = algorithm == .sm2 ? SignatureAlgorithm.sm2 : .es256
        let signature = try leaf.privateKey.signature(for: challenge.signingInput, algorithm: signing)
        let event = try login.verify(
            challenge, signature: signature, algorithm: signing, certificate: leaf.certificate,
            intermediates: [pki.intermediate.certificate])
        #expect(event.method == .hardwareCertificate)
        #expect(event.certificateFingerprint == Hex.encode(leaf.certificate.fingerprint(.sha256)))
        #expect(AssurancePolicy.default.level(of: [event], at: clock.now()) == .high)
    }

    @Test func softwareCertificateAndFailures() throws {
        var pki = try TestPKI(algorithm: .p256)
        let clock = ManualClock(TestPKI.referenceDate)
        let login = CertificateLogin(trustAnchors: [pki.root.certificate], clock: clock)
        let challenge = try login.challenge(for: "svc")
        let signature = try pki.leaf.privateKey.signature(for: challenge.signingInput, algorithm: .es256)
        let chain = [pki.intermediate.certificate]
        // Without the QcSSCD statement or a trusted hardware policy: a software-key login (low).
        let event = try login.verify(
            challenge, signature: signature, algorithm: .es256, certificate: pki.leaf.certificate, intermediates: chain)
        #expect(event.method == .softwareCertificate)
        #expect(AssurancePolicy.default.level(of: [event], at: clock.now()) == .low)
        // A signature over another challenge.
        let other = try login.challenge(for: "svc")
        #expect(throws: CertificateLogin.Failure.signatureInvalid) {
            try login.verify(
                other, signature: signature, algorithm: .es256, certificate: pki.leaf.certificate, intermediates: chain)
        }
        // Algorithm that does not fit the key.
        #expect(throws: CertificateLogin.Failure.signatureInvalid) {
            try login.verify(
                challenge, signature: signature, algorithm: .es384, certificate: pki.leaf.certificate,
                intermediates: chain)
        }
        // Revoked certificate.
        pki.revoke(pki.leaf.certificate.serialNumber)
        #expect(throws: CertificateLogin.Failure.certificateRejected(.revoked)) {
            try login.verify(
                challenge, signature: signature, algorithm: .es256, certificate: pki.leaf.certificate,
                intermediates: chain, crls: [try pki.crl()])
        }
        // Untrusted issuer.
        let stranger = try TestPKI(algorithm: .p256)
        #expect(throws: CertificateLogin.Failure.self) {
            try login.verify(
                challenge,
                signature: try stranger.leaf.privateKey.signature(for: challenge.signingInput, algorithm: .es256),
                algorithm: .es256, certificate: stranger.leaf.certificate,
                intermediates: [stranger.intermediate.certificate])
        }
        // Stale challenge.
        clock.advance(by: 121)
        #expect(throws: CertificateLogin.Failure.challengeExpired) {
            try login.verify(
                challenge, signature: signature, algorithm: .es256, certificate: pki.leaf.certificate,
                intermediates: chain)
        }
    }
}
