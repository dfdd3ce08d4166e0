// Example: a department's deterministic test of a whole one-stop flow, on EGovTesting's fixtures.
//
// Boa Mesa Lda. applies for the food and beverage establishment licence through its clerk, who
// acts under a mandate. The application is signed by the clerk and sealed by the company, a case
// is opened and decided, the decision is sealed (qualified, time-stamped), the licence is issued
// as a verifiable credential and the decision is served as a legally effective notice with
// evidence. No network, no database, a fixed clock.
//
// Run it: swift test --filter ExampleOneStopFlowTests

import EGovKit
import EGovTesting
import Testing

@Test("one-stop licence: mandate, signed application, case, sealed decision, credential, notice")
func oneStopLicence() async throws {
    let world = try await OneStopWorld()
    let (company, now) = (world.company, world.clock.now())
    #expect(try await company.decision(for: .apply, service: world.service, at: now).isAllowed)
    #expect(try await !company.decision(for: .pay, service: world.service, at: now).isAllowed)

    let form = Array(#"{"service":"iam.food-beverage-licence","applicant":"org-boa-mesa","seats":48}"#.utf8)
    let signed = try await company.clerkCertificate.signer(clock: world.clock).jwsJSON(payload: form)
    let sealed = try await company.seal.signer(clock: world.clock).addingSignature(to: signed)
    let twoSignatures = SignaturePolicy(id: "iam:application", documentType: "application", minimumSignatures: 2)
    #expect(world.validate(try sealed.jsonBytes(), policy: twoSignatures).indication == .totalPassed)

    var licenceCase = try await world.openCase(id: "IAM-LIC-2026-0001")
    for state: CaseState in [.acceptedAtIntake, .inReview, .decided(.approved)] {
        licenceCase = try await world.advance(licenceCase, to: state)
    }
    let decision = try await world.departmentSigner().cms(content: Array("Licence granted.".utf8))
    let qualifiedSeal = SignaturePolicy(
        id: "iam:decision", documentType: "decision", minimumLevel: .qualified, requiredKind: .seal, timestampRequired: true)
    #expect(world.validate(decision, policy: qualifiedSeal).indication == .totalPassed)

    let licence = try await world.credentials.issue()
    let shown = try await world.credentials.present(licence, disclosing: ["licence_number", "holder_name"])
    let check = try await world.credentials.verify(shown)
    #expect(check.isValid && check.holderBound && check.claims["address"] == nil)

    let notice = try world.notifications.notice(id: "notice-0001", recipient: "acct-org-boa-mesa", reference: "IAM-2026-0001")
    let sent = try await world.notifications.dispatch(notice)
    #expect(sent.map(\.body) == ["Your licence IAM-2026-0001 was approved."])
    #expect(try await world.notifications.verifyEvidence(for: notice.id).valid)
}
