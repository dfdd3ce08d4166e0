import EGovCore
import EGovCrypto
import EGovIdentity
import EGovTesting
import Foundation
import Testing

@testable import EGovSignature

@Suite struct OneTimeCertificateSignerTests {
    @Test func substantialLoginYieldsAnAdvancedSignature() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let clock = ManualClock(TestPKI.referenceDate)
        let signer = OneTimeCertificateSigner(authority: LocalCertificateAuthority(pki: pki), clock: clock)
        let subject = try DistinguishedName([("C", "MO"), ("CN", "CHAN Tai Man"), ("2.5.4.5", "MO-1234567")])
        let login = [
            AuthenticationEvent(method: .password, time: clock.now()),
            AuthenticationEvent(method: .totp, time: clock.now()),
        ]
        let message = Array("application form".utf8)
        let (signature, certificates) = try await signer.withSession(subject: subject, authentication: login) {
            session in
            (try await session.signingKey.sign(message), session.certificates)
        }
        let leaf = try #require(certificates.first)
        #expect(leaf.notAfter.timeIntervalSince(leaf.notBefore) <= 11 * 60)
        #expect(try leaf.publicKey.isValidSignature(signature, for: message, algorithm: .es256))

        let trustList = TrustList(
            name: [.en: "test"],
            services: [
                TrustedService(
                    name: [.en: "One-time CA"], type: .signing, isQualified: false,
                    certificates: [pki.root.certificate],
                    history: [.init(status: .granted, from: TestPKI.referenceDate - 86_400)])
            ])
        let evidence = SignatureEvidence(
            format: .jwsCompact, identifier: "applicant", algorithm: .es256, check: .valid, signingCertificate: leaf,
            certificates: Array(certificates.dropFirst()), claimedSigningTime: clock.now())
        let result = SignatureValidator(trustList: trustList).validate(evidence, at: clock.now())
        #expect(result.indication == .totalPassed)
        #expect(result.level == .advanced)
        // Ten minutes later the one-time certificate has expired: without a time-stamp the
        // signature can no longer be shown to have been made in time.
        clock.advance(by: 3600)
        #expect(
            SignatureValidator(trustList: trustList).validate(evidence, at: clock.now()).subIndication
                == .outOfBoundsNoPOE)
    }

    @Test func lowAssuranceIsRefused() async throws {
        let pki = try TestPKI(algorithm: .p256)
        let clock = ManualClock(TestPKI.referenceDate)
        let signer = OneTimeCertificateSigner(authority: LocalCertificateAuthority(pki: pki), clock: clock)
        let subject = try DistinguishedName([("CN", "x")])
        await #expect(
            throws: OneTimeCertificateSigner.Failure.insufficientAssurance(current: .low, required: .substantial)
        ) {
            _ = try await signer.startSession(
                subject: subject, authentication: [AuthenticationEvent(method: .password, time: clock.now())])
        }
        // requiredLevel below substantial is raised.
        #expect(
            OneTimeCertificateSigner(authority: LocalCertificateAuthority(pki: pki), requiredLevel: .low, clock: clock)
                .requiredLevel == .substantial)
    }
}
