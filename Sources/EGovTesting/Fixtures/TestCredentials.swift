import EGovCertificates
import EGovCore
import EGovCrypto
import Foundation

/// A credential issuer and the verifier side that trusts it: the department's seal signs SD-JWT
/// VCs of one type with status entries (sequential status indices, so runs are repeatable), an
/// `IssuerRegistry` trusts the PKI's root for that issuer and type, and a holder wallet key binds
/// presentations.
public struct TestCredentials: Sendable {
    /// The issuer identifier (`iss`).
    public let issuerIdentifier: String
    /// The credential type issued.
    public let type: CredentialType
    /// The status lists of the issued credentials.
    public let statusLists: StatusListIssuer
    /// The issuer.
    public let issuer: CredentialIssuer
    /// The verifier's registry: the issuer, trusted for ``type`` through the PKI's root, its seal
    /// bound by organizationIdentifier.
    public let registry: IssuerRegistry
    /// The holder's wallet key.
    public let holderKey: SoftwareSigningKey
    private let clock: any WallClock

    /// Creates the issuer with `seal` (and its chain) and the registry that trusts it.
    ///
    /// - Parameters:
    ///   - seal: the issuing department's seal; its subject organizationIdentifier binds it to
    ///     `issuerIdentifier` in ``registry`` (without one, a SAN URI equal to the identifier must).
    ///   - pki: whose root the registry trusts.
    ///   - clock: issuance, presentation and verification time.
    ///   - issuerIdentifier: the `iss` value.
    ///   - type: the credential type (by default ``TestSamples/licenceCredentialType``).
    ///   - statusListURI: the status list's URI.
    ///   - requiredLanguages: the languages the type's display texts must have.
    public init(
        seal: TestPKI.Issued, pki: TestPKI, clock: any WallClock, issuerIdentifier: String = "https://iam.gov.mo",
        type: CredentialType = TestSamples.licenceCredentialType,
        statusListURI: String = "https://iam.gov.mo/status/licences",
        requiredLanguages: [LanguageTag] = CredentialType.requiredLanguages
    ) async throws {
        let key = try seal.signingKey()
        let statusLists = try StatusListIssuer(
            uri: statusListURI, signingKey: key, keyID: nil, clock: clock, randomIndices: false)
        await statusLists.useCertificateChain(seal.chain)
        self.issuerIdentifier = issuerIdentifier
        self.type = type
        self.statusLists = statusLists
        self.issuer = CredentialIssuer(
            issuer: issuerIdentifier, signingKey: key, certificateChain: seal.chain, statusLists: statusLists,
            clock: clock, requiredLanguages: requiredLanguages)
        var binding = IssuerCertificateBinding.subjectAlternativeNameURI
        if let identifier = seal.certificate.subject.firstValue(forOID: "2.5.4.97") {
            binding = .organizationIdentifier(identifier)
        }
        self.registry = IssuerRegistry([
            .init(
                identifier: issuerIdentifier, name: type.name, credentialTypes: [type.vct],
                keySource: .certificates(trustAnchors: [pki.root.certificate]), certificateBinding: binding)
        ])
        self.holderKey = try PrivateKey.generate(.p256).signingKey(for: .es256)
        self.clock = clock
    }

    /// Issues a credential of ``type`` bound to ``holderKey``, with a status entry.
    public func issue(_ claims: [String: JSONValue] = TestSamples.licenceClaims) async throws -> CredentialIssuer.Issued {
        try await issuer.issue(type: type, claims: claims, holderKey: try holderKey.publicKey.jwk())
    }

    /// The holder's presentation of `issued`, disclosing the top-level `claims`, bound to
    /// `audience` and `nonce` with ``holderKey``.
    public func present(
        _ issued: CredentialIssuer.Issued, disclosing claims: [String], audience: String = "counter:iam",
        nonce: String = "nonce-0001"
    ) async throws -> String {
        try await SDJWTPresenter().present(
            issued.credential, disclosing: claims.map { ClaimPath([.key($0)]) }, holderKey: holderKey,
            audience: audience, nonce: nonce, issuedAt: clock.now()
        ).serialized
    }

    /// A verifier that trusts ``registry`` and requires holder binding to `audience` and `nonce`.
    public func verifier(audience: String = "counter:iam", nonce: String = "nonce-0001") -> CredentialVerifier {
        CredentialVerifier(
            registry: registry,
            keyBinding: .required(audience: audience, nonce: nonce, maximumAge: 300, clock: clock), clock: clock)
    }

    /// Verifies `presentation` with ``verifier(audience:nonce:)`` against a status list published now.
    public func verify(
        _ presentation: String, audience: String = "counter:iam", nonce: String = "nonce-0001"
    ) async throws -> CredentialVerifier.Result {
        verifier(audience: audience, nonce: nonce)
            .verify(presentation, statusListTokens: [try await statusLists.publish(validFor: 3600)])
    }
}
