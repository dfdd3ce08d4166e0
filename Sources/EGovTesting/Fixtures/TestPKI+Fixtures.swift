import EGovCore
import EGovCrypto
import EGovInterop
import EGovSignature
import Foundation

extension TestPKI {
    /// A trust list in which this PKI's root is a signing CA, a seal CA and a time-stamping
    /// authority, each granted a year before ``referenceDate``.
    ///
    /// - Parameter qualified: the services listed as qualified; by default seals and time-stamps
    ///   (so a seal of this PKI with QC statements validates at the qualified level, and a person's
    ///   signature at the advanced level).
    public func trustList(
        qualified: Set<TrustedService.ServiceType> = [.seal, .timestamping]
    ) -> TrustList {
        let granted = [TrustedService.StatusChange(status: .granted, from: Self.referenceDate - Self.year)]
        let names: [TrustedService.ServiceType: LocalizedText] = [
            .signing: [.zhHant: "測試簽署核證機構", .zhHans: "测试签署核证机构", .pt: "AC de assinatura de teste", .en: "Test signing CA"],
            .seal: [.zhHant: "測試電子印章核證機構", .zhHans: "测试电子印章核证机构", .pt: "AC de selos de teste", .en: "Test seal CA"],
            .timestamping: [.zhHant: "測試時間戳記機構", .zhHans: "测试时间戳机构", .pt: "Carimbos temporais de teste", .en: "Test time-stamping authority"],
        ]
        return TrustList(
            name: [.zhHant: "測試信任清單", .zhHans: "测试信任清单", .pt: "Lista de confiança de teste", .en: "Test trust list"],
            services: TrustedService.ServiceType.allCases.map { type in
                TrustedService(
                    name: names[type] ?? [.en: type.rawValue], type: type, isQualified: qualified.contains(type),
                    certificates: [root.certificate], history: granted)
            })
    }

    /// Issues an organisation seal certificate (profile ``LeafProfile/organisationSeal``) for a
    /// department or a company.
    ///
    /// - Parameters:
    ///   - organisation: the organisation's name (subject O; the CN is "`organisation` seal").
    ///   - identifier: the subject organizationIdentifier, e.g. `NTRMO-IAM` (ETSI EN 319 412-1).
    ///   - country: the subject C.
    ///   - qualified: adds the QcCompliance and QcSSCD statements.
    public func issueSeal(
        organisation: String, identifier: String, country: String = "MO", qualified: Bool = false
    ) throws(CryptoError) -> Issued {
        try issueLeaf(
            profile: .organisationSeal,
            subject: try DistinguishedName([
                ("C", country), ("O", organisation), ("organizationIdentifier", identifier), ("CN", "\(organisation) seal"),
            ]),
            qcStatements: qualified)
    }

    /// Issues a natural person's signing certificate (profile ``LeafProfile/personSigning``).
    ///
    /// - Parameters:
    ///   - name: the person's name (subject CN).
    ///   - serialNumber: the subject serialNumber, e.g. `IDCMO-1234567`.
    ///   - country: the subject C.
    ///   - qualified: adds the QcCompliance and QcSSCD statements.
    public func issuePerson(
        name: String, serialNumber: String, country: String = "MO", qualified: Bool = false
    ) throws(CryptoError) -> Issued {
        try issueLeaf(
            profile: .personSigning,
            subject: try DistinguishedName([("C", country), ("serialNumber", serialNumber), ("CN", name)]),
            qcStatements: qualified)
    }

    /// A time-stamping client that asks `authority` and trusts this PKI's root.
    public func timeStampClient(_ authority: LocalTimeStampAuthority, clock: any WallClock) -> TimeStampClient {
        TimeStampClient(transport: authority, trustAnchors: [root.certificate], clock: clock)
    }
}

extension TestPKI.Issued {
    /// The signature algorithm of the key: ES256 (P-256), ES384 (P-384), RS256 (RSA), SM2 or EdDSA.
    public var signatureAlgorithm: SignatureAlgorithm {
        switch privateKey.keyType {
        case .p256: .es256
        case .p384: .es384
        case .rsa: .rs256
        case .sm2: .sm2
        case .ed25519: .edDSA
        }
    }

    /// The private key as a `SigningKey` for ``signatureAlgorithm``.
    public func signingKey(sm2ID: SM2DistinguishingID = .default) throws(CryptoError) -> SoftwareSigningKey {
        try privateKey.signingKey(for: signatureAlgorithm, sm2ID: sm2ID)
    }

    /// The public key as a `VerificationKey` for ``signatureAlgorithm`` (to check evidence,
    /// tokens or checkpoints this key signed).
    public func verificationKey(sm2ID: SM2DistinguishingID = .default) throws(CryptoError) -> SoftwareVerificationKey {
        try privateKey.publicKey.verificationKey(for: signatureAlgorithm, sm2ID: sm2ID)
    }

    /// A `DocumentSigner` (JWS, CAdES) with this key and ``chain``.
    ///
    /// - Parameters:
    ///   - clock: the signing time.
    ///   - timestampClient: adds signature time-stamps (JWS JSON, CMS) when set; see
    ///     ``TestPKI/timeStampClient(_:clock:)``.
    public func signer(clock: any WallClock, timestampClient: TimeStampClient? = nil) throws -> DocumentSigner {
        try DocumentSigner(
            signingKey: try signingKey(), certificates: chain, timestampClient: timestampClient, clock: clock)
    }

    /// An interoperability `EnvelopeSigner` with this key and ``chain``.
    public func envelopeSigner() throws -> EnvelopeSigner {
        try EnvelopeSigner(key: try signingKey(), certificateChain: chain)
    }
}
