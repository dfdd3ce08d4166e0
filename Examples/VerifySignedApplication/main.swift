// Example: a department verifies a signed application.
//
// A citizen signs an application form in the app (JWS, advanced electronic signature with a
// one-time certificate). The department's back end checks the signature against its trust list
// and its signature policy, and keeps the ETSI validation report with the case.
//
// Run it: swift run example-verify-signed-application
//
// In a real service the JWS arrives with the application and the trust list is the government's
// published one (`TrustList(jsonBytes:)`). Here both come from EGovTesting's test PKI, so that the
// example runs anywhere.

import EGovKit
import EGovTesting
import Foundation

let clock = ManualClock(TestPKI.referenceDate)
let pki = try TestPKI(algorithm: .p256)

// 1. The trust list the department accepts: which CAs issue signing certificates, qualified or not.
let granted = [TrustedService.StatusChange(status: .granted, from: TestPKI.referenceDate - 365 * 86_400)]
let trustList = TrustList(
    name: [.zhHant: "測試信任清單", .pt: "Lista de confiança de teste", .en: "Test trust list"],
    services: [
        TrustedService(
            name: [.en: "One-time signing CA"], type: .signing, isQualified: false,
            certificates: [pki.root.certificate], history: granted)
    ])

// 2. What the citizen's app sends: the application signed with a 10-minute certificate issued after
//    a two-factor login. (Stand-in for the bytes your HTTP endpoint receives.)
let signer = OneTimeCertificateSigner(authority: LocalCertificateAuthority(pki: pki), clock: clock)
let application = Array(#"{"service":"food-licence","establishment":"Boa Mesa","seats":48}"#.utf8)
let receivedJWS = try await signer.withSession(
    subject: try DistinguishedName([("C", "MO"), ("CN", "CHAN Tai Man")]),
    authentication: [
        AuthenticationEvent(method: .password, time: clock.now()),
        AuthenticationEvent(method: .totp, time: clock.now()),
    ]
) { session in
    try await DocumentSigner(signingKey: session.signingKey, certificates: session.certificates, clock: clock)
        .jws(payload: application)
}

// 3. The department's check: at least an advanced signature, validated now.
let policy = SignaturePolicy(id: "dept:application", documentType: "application", minimumLevel: .advanced)
let validator = SignatureValidator(trustList: trustList, policy: policy)
let report = validator.validate(document: Array(receivedJWS.utf8), detached: nil, at: clock.now())
print("indication: \(report.indication.rawValue)")
print("level:      \(report.signatures.first?.level.map { "\($0)" } ?? "none")")
print("summary:    \(report.summary[.zhHant] ?? "") / \(report.summary[.pt] ?? "")")

// 4. A tampered application (one byte of the payload changed) must fail.
var tampered = Array(receivedJWS.utf8)
if let dot = tampered.firstIndex(of: UInt8(ascii: ".")) {
    let i = tampered.index(after: dot) + 4
    tampered[i] = tampered[i] == UInt8(ascii: "A") ? UInt8(ascii: "B") : UInt8(ascii: "A")
}
let tamperedReport = validator.validate(document: tampered, detached: nil, at: clock.now())
print("tampered:   \(tamperedReport.indication.rawValue)")

// Keep the report (JSON) with the case file.
let reportJSON = try JSONEncoder().encode(report)
print("report:     \(reportJSON.count) bytes of JSON")
exit(report.indication == .totalPassed && tamperedReport.indication != .totalPassed ? 0 : 1)
