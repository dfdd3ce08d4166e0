import EGovKit
import EGovTesting
import Foundation

/// The signature part of `egov demo`: the applicant signs an application with a one-time
/// certificate (advanced), and the department seals its decision (qualified seal, time-stamped).
enum SignatureDemo {
    static var steps: [DemoStep] { [applicantSigns, departmentSeals] }

    struct World {
        let pki: TestPKI
        let clock: ManualClock
        let trustList: TrustList
    }

    static func makeWorld() throws -> World {
        let pki = try TestPKI(algorithm: .p256)
        let trustList = pki.trustList()
        return World(pki: pki, clock: ManualClock(TestPKI.referenceDate), trustList: trustList)
    }

    static let applicantSigns = DemoStep(
        title: "Signature: the applicant signs the application (one-time certificate, advanced)"
    ) {
        let world = try makeWorld()
        let signer = OneTimeCertificateSigner(authority: LocalCertificateAuthority(pki: world.pki), clock: world.clock)
        let subject = try DistinguishedName([("C", "MO"), ("CN", "CHAN Tai Man")])
        let login = [
            AuthenticationEvent(method: .password, time: world.clock.now()),
            AuthenticationEvent(method: .totp, time: world.clock.now()),
        ]
        let application = Array(#"{"service":"food-licence","establishment":"Boa Mesa"}"#.utf8)
        let jws = try await signer.withSession(subject: subject, authentication: login) { session in
            try await DocumentSigner(
                signingKey: session.signingKey, certificates: session.certificates, clock: world.clock
            )
            .jws(payload: application)
        }
        let policy = SignaturePolicy(id: "demo:application", documentType: "application", minimumLevel: .advanced)
        let report = SignatureValidator(trustList: world.trustList, policy: policy)
            .validate(document: Array(jws.utf8), detached: nil, at: world.clock.now())
        guard report.indication == .totalPassed, report.signatures.first?.level == .advanced else {
            throw DemoStep.Unexpected(detail: "application signature: \(report.signatures)")
        }
        return "JWS with a 10-minute certificate after password + TOTP: \(report.summary[.en] ?? "")"
    }

    static let departmentSeals = DemoStep(
        title: "Signature: the department seals its decision (qualified seal, CAdES-T)"
    ) {
        let world = try makeWorld()
        let seal = try world.pki.issueLeaf(profile: .organisationSeal, qcStatements: true)
        let tsa = try LocalTimeStampAuthority(pki: world.pki, clock: world.clock)
        let signer = try seal.signer(
            clock: world.clock, timestampClient: world.pki.timeStampClient(tsa, clock: world.clock))
        let decision = Array("Licence granted to Boa Mesa Lda.".utf8)
        let cms = try await signer.cms(content: decision)
        let policy = SignaturePolicy(
            id: "demo:decision", documentType: "decision", minimumLevel: .qualified, requiredKind: .seal,
            timestampRequired: true)
        let validator = SignatureValidator(trustList: world.trustList, policy: policy)
        let now = validator.validate(document: cms, detached: nil, at: world.clock.now())
        guard now.indication == .totalPassed, now.signatures.first?.level == .qualified else {
            throw DemoStep.Unexpected(detail: "decision seal: \(now.signatures)")
        }
        // Years later, after the seal certificate has expired, the time-stamp still proves it.
        let later = validator.validate(document: cms, detached: nil, at: world.clock.now() + 3 * 365 * 86_400)
        guard later.indication == .totalPassed else {
            throw DemoStep.Unexpected(detail: "time-stamped seal no longer validates: \(later.signatures)")
        }
        return "\(now.summary[.zhHant] ?? "") / \(now.summary[.pt] ?? ""); still TOTAL_PASSED three years later"
    }
}
