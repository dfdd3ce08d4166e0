import EGovCore
import Foundation

/// The validation report of one signed document: every signature's result, the overall
/// indication under the policy, and a short human summary in Traditional Chinese, Portuguese and
/// English. Encodes as JSON (dates RFC 3339).
public struct ValidationReport: Sendable, Hashable, Codable {
    /// The policy applied.
    public var policyID: String
    /// The time the validation is for.
    public var validationTime: Date
    /// Overall: TOTAL_PASSED when at least the policy's minimum number of signatures passed and
    /// none failed; TOTAL_FAILED when any failed; INDETERMINATE otherwise.
    public var indication: Indication
    /// The deciding sub-indication (of the first failed or indeterminate signature, or
    /// SIG_CONSTRAINTS_FAILURE when too few signatures passed).
    public var subIndication: SubIndication?
    /// Each signature's result, in document order.
    public var signatures: [SignatureValidationResult]

    /// Builds the report and its overall indication.
    public init(policyID: String, validationTime: Date, minimumSignatures: Int, signatures: [SignatureValidationResult])
    {
        self.policyID = policyID
        self.validationTime = validationTime
        self.signatures = signatures
        if let failed = signatures.first(where: { $0.indication == .totalFailed }) {
            indication = .totalFailed
            subIndication = failed.subIndication
        } else if let undecided = signatures.first(where: { $0.indication == .indeterminate }) {
            indication = .indeterminate
            subIndication = undecided.subIndication
        } else if signatures.count < max(1, minimumSignatures) {
            indication = .indeterminate
            subIndication = .sigConstraintsFailure
        } else {
            indication = .totalPassed
            subIndication = nil
        }
    }

    /// The exit status the CLI uses: 0 passed, 1 failed, 2 indeterminate.
    public var exitStatus: Int32 {
        switch indication {
        case .totalPassed: 0
        case .totalFailed: 1
        case .indeterminate: 2
        }
    }

    /// A one-paragraph summary in zh-Hant, pt and en.
    public var summary: LocalizedText {
        var zh: [String] = []
        var pt: [String] = []
        var en: [String] = []
        switch indication {
        case .totalPassed:
            zh.append("驗證通過（\(signatures.count) 個簽名）。")
            pt.append("Validação aprovada (\(signatures.count) assinatura(s)).")
            en.append("Validation passed (\(signatures.count) signature(s)).")
        case .totalFailed:
            zh.append("驗證失敗：\(Self.zhReason(subIndication))。")
            pt.append("Validação falhada: \(Self.ptReason(subIndication)).")
            en.append("Validation failed: \(Self.enReason(subIndication)).")
        case .indeterminate:
            zh.append("未能確定：\(Self.zhReason(subIndication))。")
            pt.append("Resultado indeterminado: \(Self.ptReason(subIndication)).")
            en.append("Validation indeterminate: \(Self.enReason(subIndication)).")
        }
        for signature in signatures where signature.indication == .totalPassed {
            if let level = signature.level, let kind = signature.kind {
                let name = level.name(for: kind)
                let who = signature.signer?.organization ?? signature.signer?.commonName ?? signature.identifier
                zh.append("\(who)：\(name[.zhHant] ?? "")。")
                pt.append("\(who): \(name[.pt] ?? "").")
                en.append("\(who): \(name[.en] ?? "").")
            }
        }
        return [.zhHant: zh.joined(), .pt: pt.joined(separator: " "), .en: en.joined(separator: " ")]
    }

    private static func zhReason(_ sub: SubIndication?) -> String {
        switch sub {
        case .formatFailure?: "簽名格式不符"
        case .hashFailure?: "文件內容已被更改"
        case .sigCryptoFailure?: "簽名值無效"
        case .revoked?: "證書已被廢止"
        case .expired?: "簽署時證書已過期"
        case .notYetValid?: "簽署時證書尚未生效"
        case .noCertificateChainFound?: "證書並非由受信任的認證機構簽發"
        case .noSigningCertificateFound?: "找不到簽署人證書"
        case .cryptoConstraintsFailure?: "簽名算法不獲接受"
        case .sigConstraintsFailure?: "簽名不符合政策要求"
        case .chainConstraintsFailure?: "證書用途不符"
        case .outOfBoundsNoPOE?: "證書已過期，且無時間戳證明簽署時間"
        case .revokedNoPOE?: "證書已被廢止，且無時間戳證明簽署時間"
        case .tryLater?: "未能取得最新的廢止資料，請稍後再試"
        case .signedDataNotFound?: "缺少已簽署的文件"
        case .timestampOrderFailure?: "時間戳與聲稱的簽署時間不符"
        default: "未能完成驗證"
        }
    }

    private static func ptReason(_ sub: SubIndication?) -> String {
        switch sub {
        case .formatFailure?: "formato de assinatura não conforme"
        case .hashFailure?: "o conteúdo do documento foi alterado"
        case .sigCryptoFailure?: "valor de assinatura inválido"
        case .revoked?: "certificado revogado"
        case .expired?: "o certificado estava caducado no momento da assinatura"
        case .notYetValid?: "o certificado ainda não era válido no momento da assinatura"
        case .noCertificateChainFound?: "certificado não emitido por entidade certificadora de confiança"
        case .noSigningCertificateFound?: "certificado do signatário não encontrado"
        case .cryptoConstraintsFailure?: "algoritmo de assinatura não aceite"
        case .sigConstraintsFailure?: "a assinatura não cumpre a política"
        case .chainConstraintsFailure?: "utilização do certificado não conforme"
        case .outOfBoundsNoPOE?: "certificado caducado sem carimbo temporal que prove a data da assinatura"
        case .revokedNoPOE?: "certificado revogado sem carimbo temporal que prove a data da assinatura"
        case .tryLater?: "informação de revogação indisponível; tente mais tarde"
        case .signedDataNotFound?: "documento assinado em falta"
        case .timestampOrderFailure?: "o carimbo temporal contradiz a data de assinatura declarada"
        default: "validação não concluída"
        }
    }

    private static func enReason(_ sub: SubIndication?) -> String {
        switch sub {
        case .formatFailure?: "the signature format does not conform"
        case .hashFailure?: "the document was changed after signing"
        case .sigCryptoFailure?: "the signature value is invalid"
        case .revoked?: "the certificate was revoked"
        case .expired?: "the certificate had expired at signing time"
        case .notYetValid?: "the certificate was not yet valid at signing time"
        case .noCertificateChainFound?: "the certificate was not issued by a trusted CA"
        case .noSigningCertificateFound?: "the signer's certificate was not found"
        case .cryptoConstraintsFailure?: "the signature algorithm is not accepted"
        case .sigConstraintsFailure?: "the signature does not meet the policy"
        case .chainConstraintsFailure?: "the certificate is not meant for this use"
        case .outOfBoundsNoPOE?: "the certificate has expired and no time-stamp proves when the signature was made"
        case .revokedNoPOE?: "the certificate is revoked and no time-stamp proves when the signature was made"
        case .tryLater?: "revocation information is unavailable; try again later"
        case .signedDataNotFound?: "the signed document is missing"
        case .timestampOrderFailure?: "the time-stamp contradicts the claimed signing time"
        default: "validation did not complete"
        }
    }
}
