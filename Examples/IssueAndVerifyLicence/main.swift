// Example: issue a licence as an SD-JWT verifiable credential and verify a selective presentation.
//
// The licensing department issues the food establishment licence with a revocation status entry.
// The holder shows only three of its claims at an inspection; the inspector's device verifies the
// presentation, the holder binding and the status. Then the licence is suspended and the same
// presentation is reported as suspended.
//
// Run it: swift run example-issue-and-verify-licence

import EGovKit
import EGovTesting
import Foundation

let clock = ManualClock(TestPKI.referenceDate)
let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)

// Issuer side: the department's seal key and certificate chain, and its status list.
let issuerKey = try pki.leaf.privateKey.signingKey(for: .es256)
let chain = [pki.leaf.certificate, pki.intermediate.certificate]
let statusLists = try StatusListIssuer(
    uri: "https://iam.gov.mo/status/licences", signingKey: issuerKey, keyID: nil, clock: clock)
await statusLists.useCertificateChain(chain)
let issuer = CredentialIssuer(
    issuer: "https://iam.gov.mo", signingKey: issuerKey, certificateChain: chain, statusLists: statusLists, clock: clock)

let licence = CredentialType(
    vct: "https://credentials.gov.mo/food-establishment-licence",
    name: [
        .zhHant: "飲食場所牌照", .zhHans: "饮食场所牌照", .pt: "Licença de estabelecimento de comidas",
        .en: "Food establishment licence",
    ],
    claims: [
        .init(path: "licence_number", label: [.zhHant: "牌照編號", .zhHans: "牌照编号", .pt: "Número da licença", .en: "Licence number"]),
        .init(path: "holder_name", label: [.zhHant: "持牌人", .zhHans: "持牌人", .pt: "Titular", .en: "Holder"]),
        .init(path: "valid_until", label: [.zhHant: "有效期至", .zhHans: "有效期至", .pt: "Válida até", .en: "Valid until"]),
        .init(path: "address", label: [.zhHant: "地址", .zhHans: "地址", .pt: "Endereço", .en: "Address"]),
    ], defaultValidity: 365 * 86_400)

// The holder's wallet key (the wallet generates it; the issuer only sees the public JWK).
let holderKey = try PrivateKey.generate(.p256).signingKey(for: .es256)
let issued = try await issuer.issue(
    type: licence,
    claims: [
        "licence_number": .string("IAM-2026-0001"), "holder_name": .string("Boa Mesa Lda."),
        "valid_until": .string("2026-12-31"), "address": .string("Rua de Exemplo 1, Macau"),
    ], holderKey: try holderKey.publicKey.jwk())
print("issued:     \(issued.credential.serialized.count) characters, status entry \(issued.status != nil)")

// Holder side: disclose three claims to the inspector, bound to the inspector's nonce.
let presentation = try await SDJWTPresenter().present(
    issued.credential, disclosing: [["licence_number"], ["holder_name"], ["valid_until"]], holderKey: holderKey,
    audience: "inspector:iam", nonce: "n-7f3a", issuedAt: clock.now())

// Verifier side: which issuers are trusted for which credential types, with which keys.
let verifier = CredentialVerifier(
    registry: IssuerRegistry([
        .init(
            identifier: "https://iam.gov.mo", name: [.en: "IAM"], credentialTypes: [licence.vct],
            keySource: .certificates(trustAnchors: [pki.root.certificate]),
            certificateBinding: .organizationIdentifier("NTREE-00000000"))
    ]),
    keyBinding: .required(audience: "inspector:iam", nonce: "n-7f3a", maximumAge: 300, clock: clock),
    clock: clock)

let check = verifier.verify(presentation.serialized, statusListTokens: [try await statusLists.publish(validFor: 3600)])
print("valid:      \(check.isValid), holder-bound: \(check.holderBound), status: \(check.status)")
print("disclosed:  \(check.claims.keys.sorted().joined(separator: ", "))")

// The department suspends the licence; the next status list publication carries it.
guard let reference = issued.status else { exit(1) }
try await statusLists.suspend(reference, reason: "inspection pending")
let later = verifier.verify(presentation.serialized, statusListTokens: [try await statusLists.publish(validFor: 3600)])
print("suspended:  valid \(later.isValid), status: \(later.status)")
exit(check.isValid && check.claims["address"] == nil && !later.isValid ? 0 : 1)
