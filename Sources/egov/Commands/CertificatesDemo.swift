import EGovKit
import EGovTesting
import Foundation

/// The e-certificates part of `egov demo`: the department issues the licence as an SD-JWT VC with
/// a status entry; a verifier checks a presentation that discloses only the licence number, the
/// holder's name and the validity; the licence is suspended and the check reports it.
enum CertificatesDemo {
    static var steps: [DemoStep] { [licenceLifecycle, offlineCodes] }

    static let licenceType = CredentialType(
        vct: "https://credentials.gov.mo/food-establishment-licence",
        name: [
            .zhHant: "飲食場所牌照", .zhHans: "饮食场所牌照", .pt: "Licença de estabelecimento de comidas",
            .en: "Food establishment licence",
        ],
        claims: [
            .init(
                path: "licence_number",
                label: [.zhHant: "牌照編號", .zhHans: "牌照编号", .pt: "Número da licença", .en: "Licence number"]),
            .init(path: "holder_name", label: [.zhHant: "持牌人", .zhHans: "持牌人", .pt: "Titular", .en: "Holder"]),
            .init(
                path: "valid_until", label: [.zhHant: "有效期至", .zhHans: "有效期至", .pt: "Válida até", .en: "Valid until"]),
            .init(path: "address", label: [.zhHant: "地址", .zhHans: "地址", .pt: "Endereço", .en: "Address"]),
            .init(path: "seats", label: [.zhHant: "座位數目", .zhHans: "座位数目", .pt: "Lugares", .en: "Seats"]),
        ], defaultValidity: 365 * 86_400)

    static let licenceLifecycle = DemoStep(
        title: "Certificates: the licence as an SD-JWT VC, a selective presentation, then a suspension"
    ) {
        let clock = ManualClock(TestPKI.referenceDate)
        let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let issuerKey = try pki.leaf.privateKey.signingKey(for: .es256)
        let statusLists = try StatusListIssuer(
            uri: "https://iam.gov.mo/status/licences", signingKey: issuerKey, keyID: nil, clock: clock)
        await statusLists.useCertificateChain([pki.leaf.certificate, pki.intermediate.certificate])
        let issuer = CredentialIssuer(
            issuer: "https://iam.gov.mo", signingKey: issuerKey,
            certificateChain: [pki.leaf.certificate, pki.intermediate.certificate], statusLists: statusLists,
            clock: clock)
        let holderKey = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let issued = try await issuer.issue(
            type: licenceType,
            claims: [
                "licence_number": .string("IAM-2026-0001"), "holder_name": .string("Boa Mesa Lda."),
                "valid_until": .string("2026-12-31"), "address": .string("Rua de Exemplo 1, Macau"),
                "seats": .number(48),
            ], holderKey: try holderKey.publicKey.jwk())
        let presentation = try await SDJWTPresenter().present(
            issued.credential, disclosing: [["licence_number"], ["holder_name"], ["valid_until"]], holderKey: holderKey,
            audience: "counter:dsal", nonce: "2f9c", issuedAt: clock.now())
        let registry = IssuerRegistry([
            .init(
                identifier: "https://iam.gov.mo", name: [.zhHant: "市政署", .pt: "IAM", .en: "IAM"],
                credentialTypes: [licenceType.vct], keySource: .certificates(trustAnchors: [pki.root.certificate]),
                certificateBinding: .organizationIdentifier("NTREE-00000000"))
        ])
        let verifier = CredentialVerifier(
            registry: registry,
            keyBinding: .required(audience: "counter:dsal", nonce: "2f9c", maximumAge: 300, clock: clock),
            clock: clock)
        let first = verifier.verify(
            presentation.serialized, statusListTokens: [try await statusLists.publish(validFor: 3600)])
        guard first.isValid, first.holderBound, first.claims["address"] == nil, first.claims["seats"] == nil else {
            throw DemoStep.Unexpected(detail: "presentation check: \(first.errorReason ?? "unexpected claims")")
        }
        guard let reference = issued.status else { throw DemoStep.Unexpected(detail: "no status entry") }
        try await statusLists.suspend(reference, reason: "inspection pending")
        let second = verifier.verify(
            presentation.serialized, statusListTokens: [try await statusLists.publish(validFor: 3600)])
        guard !second.isValid, second.status == "suspended" else {
            throw DemoStep.Unexpected(detail: "suspension not reported: \(second.status)")
        }
        let shown = ["licence_number", "holder_name", "valid_until"].filter { first.claims[$0] != nil }
        return "disclosed \(shown.joined(separator: ", ")) (address and seats withheld), holder-bound: valid; "
            + "after suspension the counter sees status \(second.status)"
    }

    static let offlineCodes = DemoStep(title: "Certificates: offline QR payload and a typed verification code (核實碼)") {
        let clock = ManualClock(TestPKI.referenceDate)
        let key = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let registry = IssuerRegistry([
            .init(
                identifier: "https://iam.gov.mo", name: [.en: "IAM"], credentialTypes: [licenceType.vct],
                keySource: .keys(
                    JWSKeySet([.init(keyID: "iam-2026", key: try key.publicKey.verificationKey(for: .es256))])))
        ])
        let qr = try await OfflineCredentialCode.issue(
            claims: ["licence_number": .string("IAM-2026-0001"), "holder_name": .string("Boa Mesa Lda.")],
            credentialType: licenceType.vct, issuer: "https://iam.gov.mo", signingKey: key, keyID: "iam-2026",
            issuedAt: clock.now(), expiresAt: clock.now() + 365 * 86_400)
        let offline = try OfflineCredentialCode.verify(qr, registry: registry, at: clock.now())
        let code = try VerificationCode.generate()
        let lookup = InMemoryVerificationRegistry()
        try await lookup.register(
            code,
            record: VerificationRecord(
                credentialType: licenceType.vct, issuer: "https://iam.gov.mo", title: licenceType.name,
                shownClaims: ["licence_number": "IAM-2026-0001"], validFrom: clock.now(), validUntil: nil))
        let typed = try VerificationCode(parsing: code.formatted.lowercased())
        guard try await lookup.resolve(typed) != nil else { throw DemoStep.Unexpected(detail: "code not resolved") }
        return "QR payload \(qr.count) characters in QR alphanumeric mode, verified offline for "
            + "\(offline.credentialType); counter code \(code.formatted) resolves"
    }
}
