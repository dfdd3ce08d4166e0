import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@testable import EGovCertificates

@Suite struct OfflineCredentialCodeTests {
    static let vct = "https://credentials.gov.mo/food-establishment-licence"
    static let now = TestPKI.referenceDate

    @Test(arguments: [SignatureAlgorithm.es256, .sm2, .edDSA])
    func issueAndVerifyWithPinnedKeys(_ algorithm: SignatureAlgorithm) async throws {
        let key = try PrivateKey.generate(for: algorithm).signingKey(for: algorithm)
        let registry = IssuerRegistry([
            .init(
                identifier: "https://iam.gov.mo", name: [.en: "IAM"], credentialTypes: [Self.vct],
                keySource: .keys(
                    JWSKeySet([.init(keyID: "iam-1", key: try key.publicKey.verificationKey(for: algorithm))])))
        ])
        let code = try await OfflineCredentialCode.issue(
            claims: ["licence_number": .string("IAM-2026-0001"), "holder": .string("Boa Mesa Lda.")],
            credentialType: Self.vct, issuer: "https://iam.gov.mo", signingKey: key, keyID: "iam-1", issuedAt: Self.now,
            expiresAt: Self.now + 365 * 86_400)
        #expect(code.hasPrefix("EGK1:"))
        // QR alphanumeric mode: only 0-9, A-Z, space and $%*+-./:
        #expect(
            code.unicodeScalars.allSatisfy {
                "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:".unicodeScalars.contains($0)
            })
        let verified = try OfflineCredentialCode.verify(code, registry: registry, at: Self.now)
        #expect(verified.claims["licence_number"] == .string("IAM-2026-0001"))
        #expect(throws: OfflineCredentialCode.Failure.outsideValidity) {
            try OfflineCredentialCode.verify(code, registry: registry, at: Self.now + 2 * 365 * 86_400)
        }
        // Not allowed to issue this type; unknown issuer; tampered text.
        var other = registry
        let source = try #require(registry.issuers["https://iam.gov.mo"]).keySource
        other.register(
            .init(identifier: "https://iam.gov.mo", name: [.en: "IAM"], credentialTypes: [], keySource: source))
        #expect(throws: OfflineCredentialCode.Failure.self) {
            try OfflineCredentialCode.verify(code, registry: other, at: Self.now)
        }
        #expect(throws: OfflineCredentialCode.Failure.self) {
            try OfflineCredentialCode.verify(code, registry: IssuerRegistry(), at: Self.now)
        }
        var characters = Array(code)
        characters[characters.count / 2] = characters[characters.count / 2] == "A" ? "B" : "A"
        #expect(throws: OfflineCredentialCode.Failure.self) {
            try OfflineCredentialCode.verify(String(characters), registry: registry, at: Self.now)
        }
        #expect(throws: OfflineCredentialCode.Failure.malformed("missing EGK1: prefix")) {
            try OfflineCredentialCode.verify("HELLO", registry: registry, at: Self.now)
        }
    }

    @Test func issuerKeyFromCertificateChain() async throws {
        let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let key = try pki.leaf.privateKey.signingKey(for: .es256)
        let registry = IssuerRegistry([
            .init(
                identifier: "https://iam.gov.mo", name: [.en: "IAM"], credentialTypes: [Self.vct],
                keySource: .certificates(trustAnchors: [pki.root.certificate]),
                certificateBinding: .organizationIdentifier("NTREE-00000000"))
        ])
        let code = try await OfflineCredentialCode.issue(
            claims: ["licence_number": .string("1")], credentialType: Self.vct, issuer: "https://iam.gov.mo",
            signingKey: key, keyID: nil,
            certificateChain: [pki.leaf.certificate.derRepresentation, pki.intermediate.certificate.derRepresentation],
            issuedAt: Self.now, expiresAt: nil)
        #expect(try OfflineCredentialCode.verify(code, registry: registry, at: Self.now).credentialType == Self.vct)
        let stranger = try TestPKI(algorithm: .p256)
        let untrusted = IssuerRegistry([
            .init(
                identifier: "https://iam.gov.mo", name: [.en: "IAM"], credentialTypes: [Self.vct],
                keySource: .certificates(trustAnchors: [stranger.root.certificate]))
        ])
        #expect(throws: OfflineCredentialCode.Failure.self) {
            try OfflineCredentialCode.verify(code, registry: untrusted, at: Self.now)
        }
    }
}
