/// The legal grade of an electronic signature or seal.
///
/// | Level | Macau Law 5/2005 | eIDAS (signature / seal) |
/// |---|---|---|
/// | `simple` | 電子簽名 / assinatura electrónica | SES / electronic seal |
/// | `advanced` | 高級電子簽名 / assinatura electrónica avançada | AdES / advanced electronic seal |
/// | `qualified` | 合格電子簽名 / assinatura electrónica qualificada | QES / qualified electronic seal |
///
/// How EGovKit determines the level is in `SignatureLevelRules` (EGovSignature) and the signatures guide.
public enum SignatureLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// An electronic signature or seal that is cryptographically valid and attributable, but does
    /// not meet the requirements of an advanced one.
    case simple
    /// Uniquely linked to and capable of identifying the signer, under their sole control, and
    /// detecting any later change of the signed data.
    case advanced
    /// Advanced, made by a qualified signature/seal creation device and based on a qualified
    /// certificate from a CA that the trust list marks as qualified for that service.
    case qualified

    private var rank: Int {
        switch self {
        case .simple: 0
        case .advanced: 1
        case .qualified: 2
        }
    }

    public static func < (lhs: SignatureLevel, rhs: SignatureLevel) -> Bool { lhs.rank < rhs.rank }

    /// The level's legal name for `kind` in Traditional Chinese, Portuguese and English.
    public func name(for kind: SignatureKind) -> LocalizedText {
        switch (self, kind) {
        case (.simple, .signature):
            [.zhHant: "電子簽名", .pt: "assinatura electrónica", .en: "electronic signature"]
        case (.advanced, .signature):
            [.zhHant: "高級電子簽名", .pt: "assinatura electrónica avançada", .en: "advanced electronic signature"]
        case (.qualified, .signature):
            [
                .zhHant: "合格電子簽名", .pt: "assinatura electrónica qualificada",
                .en: "qualified electronic signature",
            ]
        case (.simple, .seal):
            [.zhHant: "電子印章", .pt: "selo electrónico", .en: "electronic seal"]
        case (.advanced, .seal):
            [.zhHant: "高級電子印章", .pt: "selo electrónico avançado", .en: "advanced electronic seal"]
        case (.qualified, .seal):
            [.zhHant: "合格電子印章", .pt: "selo electrónico qualificado", .en: "qualified electronic seal"]
        }
    }
}

/// Whether a signature was made by a natural person or is an organisation's seal.
public enum SignatureKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A natural person's electronic signature.
    case signature
    /// A legal person's (department's, company's) electronic seal.
    case seal
}
