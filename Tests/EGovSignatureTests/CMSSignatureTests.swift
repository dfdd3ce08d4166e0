import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@testable import EGovSignature

@Suite struct CMSSignatureTests {
    @Test(arguments: [TestPKI.Algorithm.p256, .rsa, .sm2])
    func signAndValidateAttachedAndDetached(_ algorithm: TestPKI.Algorithm) async throws {
        let world = try JWSSignatureTests.world(algorithm)
        let content = Array("licence decision".utf8)
        let signer = try world.signer()
        let attached = try await signer.cms(content: content)
        let validator = world.validator()
        let evidence = validator.evidence(in: attached, detached: nil)
        let report = validator.report(for: evidence.signatures, at: world.clock.now())
        #expect(report.indication == .totalPassed, "\(report.signatures)")
        #expect(report.signatures.first?.level == .qualified)
        #expect(report.signatures.first?.warnings.isEmpty == true)
        #expect(evidence.content == content)
        #expect(validator.validate(document: attached, detached: nil, at: world.clock.now()) == report)
        let detached = try await signer.cms(content: content, detached: true)
        #expect(
            world.validator().validate(document: detached, detached: content, at: world.clock.now()).indication
                == .totalPassed)
    }

    @Test func cadesTProvesSigningBeforeExpiryAndRevocation() async throws {
        var world = try JWSSignatureTests.world()
        let content = Array("application".utf8)
        let cms = try await world.signer(timestamped: true).cms(content: content)
        let parsed = try CMSSignedData(derRepresentation: cms)
        #expect(parsed.signers.first?.signatureTimestampTokens.count == 1)
        let later = world.clock.now() + 2 * 365 * 86_400
        let report = world.validator().validate(document: cms, detached: nil, at: later)
        #expect(report.indication == .totalPassed, "\(report.signatures)")
        #expect(report.signatures.first?.provenSigningTime == world.clock.now())
        let plain = try await world.signer().cms(content: content)
        #expect(
            world.validator().validate(document: plain, detached: nil, at: later).subIndication == .outOfBoundsNoPOE)

        // Revoked a day after signing: the time-stamp proves the signature came first.
        world.pki.revoke(world.applicant.certificate.serialNumber, at: world.clock.now() + 86_400)
        let crl = try world.pki.crl(at: world.clock.now() + 2 * 86_400)
        let at = world.clock.now() + 3 * 86_400
        #expect(world.validator(crls: [crl]).validate(document: cms, detached: nil, at: at).indication == .totalPassed)
        #expect(
            world.validator(crls: [crl]).validate(document: plain, detached: nil, at: at).subIndication == .revokedNoPOE
        )
    }

    @Test func coSignedApplicationWithDepartmentSeal() async throws {
        let world = try JWSSignatureTests.world()
        let seal = try world.pki.issueLeaf(profile: .organisationSeal, qcStatements: true)
        var trustList = world.trustList
        trustList.services.append(
            TrustedService(
                name: [.en: "Seal CA"], type: .seal, isQualified: true, certificates: [world.pki.root.certificate],
                history: [.init(status: .granted, from: TestPKI.referenceDate - 86_400)]))
        let content = Array("application".utf8)
        let applicant = try await world.signer().cms(content: content)
        let sealed = try await world.signer(timestamped: true, issued: seal).addingSignature(toCMS: applicant)
        var policy = SignaturePolicy.permissive
        policy.minimumSignatures = 2
        let report = SignatureValidator(trustList: trustList, policy: policy).validate(
            document: sealed, detached: nil, at: world.clock.now())
        #expect(report.indication == .totalPassed, "\(report.signatures)")
        #expect(Set(report.signatures.compactMap(\.kind)) == [.signature, .seal])
    }

    @Test func unknownRootAndForbiddenAlgorithm() async throws {
        let world = try JWSSignatureTests.world()
        let cms = try await world.signer().cms(content: [1, 2, 3])
        let stranger = try JWSSignatureTests.world()
        #expect(
            stranger.validator().validate(document: cms, detached: nil, at: world.clock.now()).subIndication
                == .noCertificateChainFound)
        let policy = SignaturePolicy(id: "sm2-only", documentType: "x", allowedAlgorithms: [.sm2])
        #expect(
            world.validator(policy).validate(document: cms, detached: nil, at: world.clock.now()).subIndication
                == .cryptoConstraintsFailure)
    }
}
