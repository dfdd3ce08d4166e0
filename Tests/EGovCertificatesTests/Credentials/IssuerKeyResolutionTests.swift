import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

@testable import EGovCertificates

/// How a credential verifier finds and accepts the issuer's key: the x5c purpose and binding
/// rules, `kid` as a hint for pinned keys, and the algorithms the registry allows.
@Suite struct IssuerKeyResolutionTests {
    static let issuerID = CredentialTests.issuerID

    static func sealSubject() throws -> DistinguishedName {
        try DistinguishedName([
            ("C", "MO"), ("O", "Instituto para os Assuntos Municipais"), ("organizationIdentifier", "NTRMO-IAM"),
            ("CN", "IAM Seal"),
        ])
    }

    /// A seal leaf (keyUsage nonRepudiation + digitalSignature, organisation subject) with the
    /// given SAN URIs.
    static func sealLeaf(_ pki: TestPKI, uris: [String]) throws -> TestPKI.Issued {
        let subject = try sealSubject()
        return try pki.issueCustomLeaf { builder in
            builder.subject = subject
            builder.keyUsage = [.digitalSignature, .nonRepudiation]
            builder.subjectAlternativeNames = uris.map { .uri($0) }
        }
    }

    static func issue(
        with leaf: TestPKI.Issued, _ pki: TestPKI, extraChain: [Certificate] = [], algorithm: SignatureAlgorithm = .es256
    ) async throws -> String {
        let issuer = CredentialIssuer(
            issuer: issuerID, signingKey: try leaf.privateKey.signingKey(for: algorithm),
            certificateChain: [leaf.certificate, pki.intermediate.certificate] + extraChain,
            clock: ManualClock(TestPKI.referenceDate))
        return try await issuer.issue(type: CredentialTests.licenceType, claims: CredentialTests.claims).credential
            .serialized
    }

    static func verify(_ credential: String, _ pki: TestPKI, binding: IssuerCertificateBinding? = nil)
        -> CredentialVerifier.Result
    {
        var issuer = IssuerRegistry.Issuer(
            identifier: issuerID, name: [.en: "IAM"], credentialTypes: [CredentialTests.vct],
            keySource: .certificates(trustAnchors: [pki.root.certificate]))
        if let binding { issuer.certificateBinding = binding }
        return CredentialVerifier(registry: IssuerRegistry([issuer]), clock: ManualClock(TestPKI.referenceDate))
            .verify(credential)
    }

    @Test("an x5c issuer certificate for TLS (serverAuth only, no organisation) is refused for its purpose")
    func serverCertificateCannotIssue() async throws {
        let pki = try TestPKI(algorithm: .p256, leafProfile: .server)
        let credential = try await Self.issue(with: pki.leaf, pki)
        let result = Self.verify(credential, pki)
        #expect(!result.isValid)
        #expect(result.errorCode == "certificates.credential.issuer_certificate_purpose")
        #expect(result.claims.isEmpty)
    }

    @Test("a seal certificate whose SAN URI is not the iss is refused for its binding")
    func sealCertificateOfAnotherIssuer() async throws {
        let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let other = try Self.sealLeaf(pki, uris: ["https://dsi.gov.mo"])
        let result = Self.verify(try await Self.issue(with: other, pki), pki)
        #expect(!result.isValid)
        #expect(result.errorCode == "certificates.credential.issuer_certificate_binding")
        // The test PKI seal has no SAN URI at all.
        let plain = Self.verify(try await Self.issue(with: pki.leaf, pki), pki)
        #expect(plain.errorCode == "certificates.credential.issuer_certificate_binding")
    }

    @Test("a seal certificate bound to the iss (SAN URI, or organisation identifier) is accepted")
    func boundSealCertificate() async throws {
        let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let leaf = try Self.sealLeaf(pki, uris: [Self.issuerID])
        let result = Self.verify(try await Self.issue(with: leaf, pki), pki)
        #expect(result.isValid, "\(result.errorCode ?? "")")
        let byIdentifier = Self.verify(
            try await Self.issue(with: pki.leaf, pki), pki, binding: .organizationIdentifier("NTREE-00000000"))
        #expect(byIdentifier.isValid, "\(byIdentifier.errorCode ?? "")")
        let wrongIdentifier = Self.verify(
            try await Self.issue(with: pki.leaf, pki), pki, binding: .organizationIdentifier("NTREE-99999999"))
        #expect(wrongIdentifier.errorCode == "certificates.credential.issuer_certificate_binding")
    }

    @Test("an x5c entry that is not a certificate is refused, wherever it is in the chain")
    func badIntermediateIsRefused() async throws {
        let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let leaf = try Self.sealLeaf(pki, uris: [Self.issuerID])
        let header = JWSHeader(
            algorithm: .es256,
            certificateChain: [
                leaf.certificate.derRepresentation, pki.intermediate.certificate.derRepresentation,
                [0x30, 0x03, 0x02, 0x01, 0x01],
            ])
        let issuer = IssuerRegistry.Issuer(
            identifier: Self.issuerID, name: [.en: "IAM"], credentialTypes: [CredentialTests.vct],
            keySource: .certificates(trustAnchors: [pki.root.certificate]))
        #expect(throws: (any Error).self) {
            _ = try IssuerKeyResolver.key(for: header, issuer: issuer, at: TestPKI.referenceDate)
        }
        // An extra entry that is a certificate (here the root) is no problem.
        let credential = try await Self.issue(
            with: leaf, pki, extraChain: [try Certificate(derRepresentation: pki.root.certificate.derRepresentation)])
        #expect(Self.verify(credential, pki).isValid)
    }

    @Test("a kid in the header is a hint: a pinned key without kid is still tried (credential and status list)")
    func kidDoesNotBreakPinnedKey() async throws {
        let world = try CredentialTests.world()
        let issued = try await world.issuer.issue(type: CredentialTests.licenceType, claims: CredentialTests.claims)
        let pinned = IssuerRegistry([
            .init(
                identifier: Self.issuerID, name: [.en: "IAM"], credentialTypes: [CredentialTests.vct],
                keySource: .keys(
                    JWSKeySet([.init(keyID: nil, key: try world.issuerKey.publicKey.verificationKey(for: .es256))])))
        ])
        let verifier = CredentialVerifier(registry: pinned, clock: world.clock)
        let token = try await world.statusLists.publish(validFor: 3600)
        let result = verifier.verify(issued.credential.serialized, statusListTokens: [token])
        #expect(result.isValid, "\(result.errorCode ?? "") \(result.errorReason ?? "")")
        #expect(result.status == "valid")
        // A pinned key with another kid is not tried.
        let named = IssuerRegistry([
            .init(
                identifier: Self.issuerID, name: [.en: "IAM"], credentialTypes: [CredentialTests.vct],
                keySource: .keys(
                    JWSKeySet([.init(keyID: "old", key: try world.issuerKey.publicKey.verificationKey(for: .es256))])))
        ])
        #expect(!CredentialVerifier(registry: named, clock: world.clock).verify(issued.credential.serialized).isValid)
    }

    @Test("PS256 credentials verify under a PS256 pinned key; the registry's algorithms decide, not the token")
    func ps256Credential() async throws {
        let clock = ManualClock(TestPKI.referenceDate)
        let key = try PrivateKey.generate(for: .ps256)
        let issuer = CredentialIssuer(
            issuer: Self.issuerID, signingKey: try key.signingKey(for: .ps256), keyID: "rsa-1", clock: clock)
        let credential = try await issuer.issue(type: CredentialTests.licenceType, claims: CredentialTests.claims)
            .credential.serialized
        func registry(_ algorithms: [SignatureAlgorithm]) throws -> IssuerRegistry {
            IssuerRegistry([
                .init(
                    identifier: Self.issuerID, name: [.en: "IAM"], credentialTypes: [CredentialTests.vct],
                    keySource: .keys(
                        JWSKeySet(
                            try algorithms.map {
                                .init(keyID: "rsa-1", key: try key.publicKey.verificationKey(for: $0))
                            })))
            ])
        }
        #expect(CredentialVerifier(registry: try registry([.ps256]), clock: clock).verify(credential).isValid)
        #expect(CredentialVerifier(registry: try registry([.rs256, .ps256]), clock: clock).verify(credential).isValid)
        #expect(!CredentialVerifier(registry: try registry([.rs256]), clock: clock).verify(credential).isValid)
    }

    @Test("x5c credentials: only the issuer's allowed algorithms are accepted")
    func x5cAllowedAlgorithms() async throws {
        let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let leaf = try Self.sealLeaf(pki, uris: [Self.issuerID])
        let credential = try await Self.issue(with: leaf, pki)
        var issuer = IssuerRegistry.Issuer(
            identifier: Self.issuerID, name: [.en: "IAM"], credentialTypes: [CredentialTests.vct],
            keySource: .certificates(trustAnchors: [pki.root.certificate]))
        issuer.allowedAlgorithms = [.es384]
        let result = CredentialVerifier(registry: IssuerRegistry([issuer]), clock: ManualClock(TestPKI.referenceDate))
            .verify(credential)
        #expect(!result.isValid)
        #expect(result.errorCode == "certificates.credential.issuer_algorithm_not_allowed")
    }
}
