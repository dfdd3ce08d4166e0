import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@testable import EGovSignature

/// The format-independent validation logic, driven with evidence made from the test PKI.
@Suite struct SignatureValidatorTests {
    static let reference = TestPKI.referenceDate
    static let day: TimeInterval = 86_400

    struct Fixture {
        var pki: TestPKI
        var trustList: TrustList
        var leaf: TestPKI.Issued
    }

    static func fixture(
        type: TrustedService.ServiceType = .signing, qualified: Bool = true, qc: Bool = true,
        profile: TestPKI.LeafProfile = .personSigning
    ) throws -> Fixture {
        let pki = try TestPKI(algorithm: .p256, leafProfile: profile)
        let leaf = try pki.issueLeaf(profile: profile, qcStatements: qc)
        let service = TrustedService(
            name: [.en: "Test CA"], type: type, isQualified: qualified, certificates: [pki.root.certificate],
            history: [.init(status: .granted, from: reference - 10 * 365 * day)])
        return Fixture(pki: pki, trustList: TrustList(name: [.en: "Test list"], services: [service]), leaf: leaf)
    }

    static func evidence(
        _ fixture: Fixture, check: SignatureEvidence.CryptographicCheck = .valid,
        algorithm: SignatureAlgorithm? = .es256,
        claimed: Date? = reference, proofs: [SignatureEvidence.TimeProof] = [], referenceMatches: Bool? = true
    ) -> SignatureEvidence {
        SignatureEvidence(
            format: .cms, identifier: "signature-1", algorithm: algorithm, check: check,
            signingCertificate: fixture.leaf.certificate, signingCertificateReferenceMatches: referenceMatches,
            certificates: [fixture.pki.intermediate.certificate], claimedSigningTime: claimed, timeProofs: proofs)
    }

    @Test func levelsForSignaturesAndSeals() throws {
        let qualified = try Self.fixture()
        let result = SignatureValidator(trustList: qualified.trustList).validate(
            Self.evidence(qualified), at: Self.reference)
        #expect(result.indication == .totalPassed)
        #expect(result.level == .qualified)
        #expect(result.kind == .signature)
        #expect(result.certificateChain.count == 3)

        let notQC = try Self.fixture(qc: false)
        let advanced = SignatureValidator(trustList: notQC.trustList).validate(Self.evidence(notQC), at: Self.reference)
        #expect(advanced.level == .advanced)
        #expect(advanced.warnings.contains { $0.contains("QcCompliance") })

        let unqualifiedCA = try Self.fixture(qualified: false)
        #expect(
            SignatureValidator(trustList: unqualifiedCA.trustList).validate(
                Self.evidence(unqualifiedCA), at: Self.reference
            )
            .level == .advanced)

        let seal = try Self.fixture(type: .seal, profile: .organisationSeal)
        let sealResult = SignatureValidator(trustList: seal.trustList).validate(Self.evidence(seal), at: Self.reference)
        #expect(sealResult.indication == .totalPassed)
        #expect(sealResult.kind == .seal)
        #expect(sealResult.level == .qualified)

        // Qualified status withdrawn before the signing time: advanced only.
        var withdrawn = try Self.fixture()
        withdrawn.trustList.services[0].history.append(.init(status: .withdrawn, from: Self.reference - Self.day))
        withdrawn.trustList.services[0].history.append(.init(status: .granted, from: Self.reference + Self.day))
        let later = SignatureValidator(trustList: withdrawn.trustList).validate(
            Self.evidence(withdrawn, claimed: Self.reference), at: Self.reference + 2 * Self.day)
        #expect(later.level == .advanced)

        // A leaf whose subject does not identify a person: simple, which an advanced-only policy refuses.
        let anonymous = try qualified.pki.issueCustomLeaf { builder in
            builder.subject = (try? DistinguishedName([("C", "MO")])) ?? builder.subject
            builder.keyUsage = [.digitalSignature]
        }
        var anonymousFixture = qualified
        anonymousFixture.leaf = anonymous
        let simpleResult = SignatureValidator(trustList: qualified.trustList)
            .validate(Self.evidence(anonymousFixture), at: Self.reference)
        #expect(simpleResult.indication == .totalPassed)
        #expect(simpleResult.level == .simple)
        #expect(simpleResult.warnings.contains { $0.contains("does not identify a person") })
        let advancedPolicy = SignaturePolicy(id: "p", documentType: "d", minimumLevel: .advanced)
        #expect(
            SignatureValidator(trustList: qualified.trustList, policy: advancedPolicy)
                .validate(Self.evidence(anonymousFixture), at: Self.reference).subIndication == .sigConstraintsFailure)

        // A leaf without key usage for signing fails the signing purpose.
        let fixture = try Self.fixture()
        let bare = try fixture.pki.issueCustomLeaf { builder in builder.keyUsage = [.keyEncipherment] }
        var bareFixture = fixture
        bareFixture.leaf = bare
        let simple = SignatureValidator(trustList: fixture.trustList).validate(
            Self.evidence(bareFixture), at: Self.reference)
        #expect(simple.subIndication == .chainConstraintsFailure)
    }

    @Test func cryptographicAndFormatFailures() throws {
        let f = try Self.fixture()
        let validator = SignatureValidator(trustList: f.trustList)
        func sub(_ e: SignatureEvidence) -> (Indication, SubIndication?) {
            let r = validator.validate(e, at: Self.reference)
            return (r.indication, r.subIndication)
        }
        #expect(sub(Self.evidence(f, check: .hashMismatch)) == (.totalFailed, .hashFailure))
        #expect(sub(Self.evidence(f, check: .signatureInvalid)) == (.totalFailed, .sigCryptoFailure))
        #expect(sub(Self.evidence(f, check: .formatFailure("no message-digest"))) == (.totalFailed, .formatFailure))
        #expect(sub(Self.evidence(f, check: .signedDataNotFound)) == (.indeterminate, .signedDataNotFound))
        #expect(sub(Self.evidence(f, referenceMatches: false)) == (.indeterminate, .noSigningCertificateFound))
        var noCertificate = Self.evidence(f)
        noCertificate.signingCertificate = nil
        #expect(sub(noCertificate) == (.indeterminate, .noSigningCertificateFound))
        #expect(sub(Self.evidence(f, algorithm: nil)) == (.indeterminate, .cryptoConstraintsFailure))
    }

    @Test func signingTimeOutsideValidity() throws {
        let f = try Self.fixture()
        let validator = SignatureValidator(trustList: f.trustList)
        let before = validator.validate(Self.evidence(f, claimed: Self.reference - 400 * Self.day), at: Self.reference)
        #expect(before.indication == .totalFailed)
        #expect(before.subIndication == .notYetValid)
        let after = validator.validate(Self.evidence(f, claimed: Self.reference + 400 * Self.day), at: Self.reference)
        #expect(after.subIndication == .expired)
    }

    @Test func expiredCertificateWithAndWithoutTimestamp() throws {
        let f = try Self.fixture()
        let validator = SignatureValidator(trustList: f.trustList)
        let now = Self.reference + 500 * Self.day  // the leaf expired at reference + 365 days
        let proof = SignatureEvidence.TimeProof(time: Self.reference + Self.day, authority: "CN=TSA")
        let proven = validator.validate(Self.evidence(f, proofs: [proof]), at: now)
        #expect(proven.indication == .totalPassed)
        #expect(proven.provenSigningTime == Self.reference + Self.day)
        #expect(proven.warnings.contains { $0.contains("expired since") })

        let unproven = validator.validate(Self.evidence(f), at: now)
        #expect(unproven.indication == .indeterminate)
        #expect(unproven.subIndication == .outOfBoundsNoPOE)
        var strict = SignaturePolicy.permissive
        strict.expiredWithoutProof = .failed
        let failed = SignatureValidator(trustList: f.trustList, policy: strict).validate(Self.evidence(f), at: now)
        #expect(failed.indication == .totalFailed)
        #expect(failed.subIndication == .expired)

        // A proof that is itself not trusted does not count.
        let bad = SignatureEvidence.TimeProof(time: Self.reference, authority: "CN=?", problem: "untrusted TSA")
        #expect(validator.validate(Self.evidence(f, proofs: [bad]), at: now).subIndication == .outOfBoundsNoPOE)
        // A time-stamp earlier than the claimed signing time contradicts it.
        let early = SignatureEvidence.TimeProof(time: Self.reference - 30 * Self.day, authority: "CN=TSA")
        #expect(
            validator.validate(Self.evidence(f, proofs: [early]), at: Self.reference).subIndication
                == .timestampOrderFailure)
    }

    @Test func revocation() throws {
        var f = try Self.fixture()
        f.pki.revoke(f.leaf.certificate.serialNumber, at: Self.reference + 10 * Self.day)
        let crl = try f.pki.crl(at: Self.reference + 11 * Self.day)
        let validator = SignatureValidator(trustList: f.trustList, crls: [crl])
        let at = Self.reference + 12 * Self.day
        // Claimed after the revocation: failed.
        let late = validator.validate(Self.evidence(f, claimed: Self.reference + 11 * Self.day), at: at)
        #expect(late.indication == .totalFailed)
        #expect(late.subIndication == .revoked)
        // Claimed before, but nothing proves it: indeterminate.
        let unproven = validator.validate(Self.evidence(f, claimed: Self.reference), at: at)
        #expect(unproven.subIndication == .revokedNoPOE)
        // A time-stamp before the revocation: passes.
        let proof = SignatureEvidence.TimeProof(time: Self.reference + Self.day, authority: "CN=TSA")
        let proven = validator.validate(Self.evidence(f, claimed: Self.reference, proofs: [proof]), at: at)
        #expect(proven.indication == .totalPassed)
    }

    @Test func trustAndPolicy() throws {
        let f = try Self.fixture()
        let stranger = try Self.fixture()
        // Unknown root.
        let unknown = SignatureValidator(trustList: stranger.trustList).validate(Self.evidence(f), at: Self.reference)
        #expect(unknown.indication == .indeterminate)
        #expect(unknown.subIndication == .noCertificateChainFound)
        // Algorithm forbidden by the policy.
        var policy = SignaturePolicy(id: "p", documentType: "application", allowedAlgorithms: [.sm2])
        #expect(
            SignatureValidator(trustList: f.trustList, policy: policy).validate(Self.evidence(f), at: Self.reference)
                .subIndication == .cryptoConstraintsFailure)
        // Level, kind, time-stamp and age constraints.
        policy.allowedAlgorithms = [.es256]
        policy.minimumLevel = .qualified
        let advancedOnly = try Self.fixture(qc: false)
        #expect(
            SignatureValidator(trustList: advancedOnly.trustList, policy: policy).validate(
                Self.evidence(advancedOnly), at: Self.reference
            ).subIndication == .sigConstraintsFailure)
        policy.requiredKind = .seal
        #expect(
            SignatureValidator(trustList: f.trustList, policy: policy).validate(Self.evidence(f), at: Self.reference)
                .subIndication == .sigConstraintsFailure)
        policy.requiredKind = nil
        policy.timestampRequired = true
        #expect(
            SignatureValidator(trustList: f.trustList, policy: policy).validate(Self.evidence(f), at: Self.reference)
                .subIndication == .sigConstraintsFailure)
        policy.timestampRequired = false
        policy.maximumAge = 30 * Self.day
        #expect(
            SignatureValidator(trustList: f.trustList, policy: policy).validate(
                Self.evidence(f), at: Self.reference + 31 * Self.day
            )
            .subIndication == .sigConstraintsFailure)
        #expect(
            SignatureValidator(trustList: f.trustList, policy: policy).validate(
                Self.evidence(f), at: Self.reference + 29 * Self.day
            )
            .indication == .totalPassed)
    }

    @Test func reportOverallSummaryAndJSON() throws {
        let f = try Self.fixture()
        let validator = SignatureValidator(trustList: f.trustList)
        let passed = validator.report(for: [Self.evidence(f), Self.evidence(f)], at: Self.reference)
        #expect(passed.indication == .totalPassed)
        #expect(passed.exitStatus == 0)
        #expect(passed.summary[.zhHant]?.contains("合格電子簽名") == true)
        #expect(passed.summary[.pt]?.contains("assinatura electrónica qualificada") == true)
        #expect(passed.summary[.en]?.contains("qualified electronic signature") == true)
        let mixed = validator.report(
            for: [Self.evidence(f), Self.evidence(f, check: .hashMismatch)], at: Self.reference)
        #expect(mixed.indication == .totalFailed)
        #expect(mixed.subIndication == .hashFailure)
        #expect(mixed.exitStatus == 1)
        #expect(mixed.summary[.en]?.contains("changed after signing") == true)
        var twoNeeded = SignaturePolicy.permissive
        twoNeeded.minimumSignatures = 2
        let tooFew = SignatureValidator(trustList: f.trustList, policy: twoNeeded).report(
            for: [Self.evidence(f)], at: Self.reference)
        #expect(tooFew.indication == .indeterminate)
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        let json = String(decoding: try encoder.encode(mixed), as: UTF8.self)
        #expect(json.contains("\"HASH_FAILURE\""))
        #expect(json.contains("\"TOTAL_FAILED\""))
    }

    @Test func trustListJSONRoundTripAndPEMBundle() throws {
        let f = try Self.fixture()
        let json = try f.trustList.jsonBytes()
        let parsed = try TrustList(jsonBytes: json)
        #expect(parsed == f.trustList)
        let bundle = try TrustList(
            pemBundle: f.pki.root.certificate.pemRepresentation, type: .timestamping, qualified: false,
            name: [.en: "TSA"])
        #expect(bundle.anchors(for: [.timestamping], at: Self.reference) == [f.pki.root.certificate])
        #expect(bundle.anchors(for: [.signing], at: Self.reference).isEmpty)
        #expect(throws: TrustListError.self) {
            try TrustList(jsonBytes: Array(#"{"name":{"en":"x"},"services":[{}]}"#.utf8))
        }
        #expect(throws: TrustListError.self) {
            try TrustList(jsonBytes: Array(#"{"name":{"en":"x"},"name":{"en":"y"},"services":[]}"#.utf8))
        }
    }
}
