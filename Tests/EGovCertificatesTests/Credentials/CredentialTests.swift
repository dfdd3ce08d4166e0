import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@testable import EGovCertificates

@Suite struct CredentialTests {
    static let vct = "https://credentials.gov.mo/food-establishment-licence"
    static let issuerID = "https://iam.gov.mo"

    static let licenceType = CredentialType(
        vct: vct,
        name: [
            .zhHant: "飲食場所牌照", .zhHans: "饮食场所牌照", .pt: "Licença de estabelecimento de comidas",
            .en: "Food establishment licence",
        ],
        claims: [
            .init(
                path: "licence_number",
                label: [.zhHant: "牌照編號", .zhHans: "牌照编号", .pt: "Número da licença", .en: "Licence number"]),
            .init(path: "holder_name", label: [.zhHant: "持牌人", .zhHans: "持牌人", .pt: "Titular", .en: "Holder"]),
            .init(path: "address", label: [.zhHant: "地址", .zhHans: "地址", .pt: "Endereço", .en: "Address"]),
            .init(path: "category", label: [.zhHant: "類別", .zhHans: "类别", .pt: "Categoria", .en: "Category"]),
        ], defaultValidity: 365 * 86_400)

    struct World {
        let clock: ManualClock
        let issuerKey: SoftwareSigningKey
        let holderKey: SoftwareSigningKey
        let statusLists: StatusListIssuer
        let issuer: CredentialIssuer
        let registry: IssuerRegistry
    }

    static func world(_ algorithm: SignatureAlgorithm = .es256) throws -> World {
        let clock = ManualClock(TestPKI.referenceDate)
        let issuerKey = try PrivateKey.generate(for: algorithm).signingKey(for: algorithm)
        let holderKey = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let statusLists = try StatusListIssuer(
            uri: "https://iam.gov.mo/status/1", signingKey: issuerKey, keyID: "iam-1", clock: clock)
        let issuer = CredentialIssuer(
            issuer: issuerID, signingKey: issuerKey, keyID: "iam-1", statusLists: statusLists, clock: clock)
        let registry = IssuerRegistry([
            .init(
                identifier: issuerID, name: [.en: "IAM"], credentialTypes: [vct],
                keySource: .keys(
                    JWSKeySet([.init(keyID: "iam-1", key: try issuerKey.publicKey.verificationKey(for: algorithm))])))
        ])
        return World(
            clock: clock, issuerKey: issuerKey, holderKey: holderKey, statusLists: statusLists, issuer: issuer,
            registry: registry)
    }

    static let claims: [String: JSONValue] = [
        "licence_number": .string("IAM-2026-0001"), "holder_name": .string("Boa Mesa Lda."),
        "address": .string("Rua de Exemplo 1, Macau"), "category": .string("restaurant"),
    ]

    @Test func typeNamesEveryRequiredLanguage() {
        #expect(Self.licenceType.missingLanguages.isEmpty)
    }

    @Test("an issuer refuses a type whose name or labels lack a required language; the set is configurable")
    func issuanceRequiresTheLanguages() async throws {
        let world = try Self.world()
        let englishOnly = CredentialType(
            vct: Self.vct, name: [.en: "Food establishment licence"],
            claims: [.init(path: "licence_number", label: [.zhHant: "牌照編號", .en: "Licence number"])])
        await #expect(throws: SDJWTError.self) {
            _ = try await world.issuer.issue(type: englishOnly, claims: Self.claims, revocable: false)
        }
        do {
            _ = try await world.issuer.issue(type: englishOnly, claims: Self.claims, revocable: false)
        } catch let error as SDJWTError {
            #expect(error.code == "certificates.sdjwt.invalid_issuance_input")
            #expect(error.reason.contains("zh-Hans, pt"), "\(error.reason)")
        }
        let lenient = CredentialIssuer(
            issuer: Self.issuerID, signingKey: world.issuerKey, keyID: "iam-1", clock: world.clock,
            requiredLanguages: [.en])
        _ = try await lenient.issue(type: englishOnly, claims: Self.claims, revocable: false)
    }

    @Test(arguments: [SignatureAlgorithm.es256, .edDSA, .sm2])
    func issuePresentVerifyRevokeSuspend(_ algorithm: SignatureAlgorithm) async throws {
        let world = try Self.world(algorithm)
        let issued = try await world.issuer.issue(
            type: Self.licenceType, claims: Self.claims, holderKey: try world.holderKey.publicKey.jwk())
        let reference = try #require(issued.status)
        let presentation = try await SDJWTPresenter().present(
            issued.credential, disclosing: [["licence_number"], ["holder_name"]], holderKey: world.holderKey,
            audience: "https://bank.example", nonce: "n-1", issuedAt: world.clock.now())
        let verifier = CredentialVerifier(
            registry: world.registry,
            keyBinding: .required(audience: "https://bank.example", nonce: "n-1", maximumAge: 300, clock: world.clock),
            clock: world.clock)
        var token = try await world.statusLists.publish(validFor: 3600)
        let result = verifier.verify(presentation.serialized, statusListTokens: [token])
        #expect(result.isValid, "\(result.errorReason ?? "")")
        #expect(result.holderBound)
        #expect(result.status == "valid")
        #expect(result.claims["licence_number"] == .string("IAM-2026-0001"))
        #expect(result.claims["address"] == nil)  // not disclosed
        #expect(!presentation.serialized.contains("Rua de Exemplo"))

        try await world.statusLists.suspend(reference)
        token = try await world.statusLists.publish(validFor: 3600)
        let suspended = verifier.verify(presentation.serialized, statusListTokens: [token])
        #expect(!suspended.isValid)
        #expect(suspended.status == "suspended")
        try await world.statusLists.revoke(reference, reason: "licence withdrawn")
        token = try await world.statusLists.publish(validFor: 3600)
        #expect(verifier.verify(presentation.serialized, statusListTokens: [token]).status == "invalid")
        // Without the status list the status cannot be checked, and a strict verifier refuses.
        let unavailable = verifier.verify(presentation.serialized)
        #expect(!unavailable.isValid)
        #expect(unavailable.errorCode == "certificates.credential.status_unavailable")
    }

    @Test func issuerNotAllowedExpiredAndBadStatusTokens() async throws {
        let world = try Self.world()
        let issued = try await world.issuer.issue(type: Self.licenceType, claims: Self.claims)
        let text = issued.credential.serialized
        let token = try await world.statusLists.publish(validFor: 3600)
        let verifier = CredentialVerifier(registry: world.registry, clock: world.clock)
        #expect(verifier.verify(text, statusListTokens: [token]).isValid)
        // Issuer registered, but not for this vct.
        var narrow = IssuerRegistry()
        let source = try #require(world.registry.issuers[Self.issuerID]).keySource
        narrow.register(
            .init(identifier: Self.issuerID, name: [.en: "IAM"], credentialTypes: ["other"], keySource: source))
        #expect(
            CredentialVerifier(registry: narrow, clock: world.clock).verify(text, statusListTokens: [token]).errorCode
                == "certificates.credential.issuer_not_allowed")
        // Expired credential.
        world.clock.advance(by: 400 * 86_400)
        #expect(!verifier.verify(text, statusListTokens: [token]).isValid)
        world.clock.set(TestPKI.referenceDate)
        // A status list token signed by another key, or for another list.
        let stranger = try PrivateKey.generate(.p256).signingKey(for: .es256)
        let forged = try StatusListIssuer(
            uri: "https://iam.gov.mo/status/1", signingKey: stranger, keyID: "iam-1", clock: world.clock)
        let forgedToken = try await forged.publish(validFor: 3600)
        #expect(!verifier.verify(text, statusListTokens: [forgedToken]).isValid)
        let otherList = try StatusListIssuer(
            uri: "https://iam.gov.mo/status/2", signingKey: world.issuerKey, keyID: "iam-1", clock: world.clock)
        let otherToken = try await otherList.publish(validFor: 3600)
        #expect(
            verifier.verify(text, statusListTokens: [otherToken]).errorCode
                == "certificates.credential.status_unavailable")
    }

    @Test func claimsThatMustStayInTheClearAreRefused() async throws {
        let world = try Self.world()
        await #expect(throws: SDJWTError.self) {
            _ = try await world.issuer.issue(type: Self.licenceType, claims: ["iss": .string("x")])
        }
        await #expect(throws: SDJWTError.self) {
            _ = try await world.issuer.issue(
                type: Self.licenceType, claims: Self.claims, disclose: DisclosurePlan([["vct"]]))
        }
    }
}

@Suite struct CertificateTrustedIssuerTests {
    /// An issuer trusted through its certificate signs both the credential and the status list
    /// token with x5c; without x5c on the token, its status cannot be tied to the issuer.
    @Test func statusListTokenCarriesTheIssuerCertificate() async throws {
        let clock = ManualClock(TestPKI.referenceDate)
        let pki = try TestPKI(algorithm: .sm2, leafProfile: .organisationSeal)
        let key = try pki.leaf.privateKey.signingKey(for: .sm2)
        let chain = [pki.leaf.certificate, pki.intermediate.certificate]
        let statusLists = try StatusListIssuer(
            uri: "https://iam.gov.mo/status/x", signingKey: key, keyID: nil, clock: clock)
        let issuer = CredentialIssuer(
            issuer: CredentialTests.issuerID, signingKey: key, certificateChain: chain, statusLists: statusLists,
            clock: clock)
        let issued = try await issuer.issue(type: CredentialTests.licenceType, claims: CredentialTests.claims)
        let registry = IssuerRegistry([
            .init(
                identifier: CredentialTests.issuerID, name: [.en: "IAM"], credentialTypes: [CredentialTests.vct],
                keySource: .certificates(trustAnchors: [pki.root.certificate]),
                certificateBinding: .organizationIdentifier("NTREE-00000000"))
        ])
        let verifier = CredentialVerifier(registry: registry, clock: clock)
        let bare = try await statusLists.publish(validFor: 60)
        #expect(
            verifier.verify(issued.credential.serialized, statusListTokens: [bare]).errorCode
                == "certificates.credential.status_list_untrusted")
        await statusLists.useCertificateChain(chain)
        let withChain = try await statusLists.publish(validFor: 60)
        let result = verifier.verify(issued.credential.serialized, statusListTokens: [withChain])
        #expect(result.isValid, "\(result.errorReason ?? "")")
        #expect(result.status == "valid")
    }
}
