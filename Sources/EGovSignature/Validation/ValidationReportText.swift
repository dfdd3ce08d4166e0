import EGovCore

/// Every sentence of a ``ValidationReport``'s summary, in each language, keyed by message: the
/// one table of localised report text. (Level names are `SignatureLevel.name(for:)`, shared
/// vocabulary of EGovCore.)
///
/// Templates name their arguments in braces (`{count}`, `{reason}`, `{signer}`, `{level}`); a
/// sub-indication without its own reason reads as ``Message/incomplete``.
enum ValidationReportText {
    /// A message of the report.
    enum Message: Hashable, Sendable {
        /// The headline for TOTAL_PASSED (`{count}` signatures).
        case passed
        /// The headline for TOTAL_FAILED (`{reason}`).
        case failed
        /// The headline for INDETERMINATE (`{reason}`).
        case indeterminate
        /// One passed signature: `{signer}` and the name of its `{level}`.
        case signer
        /// The reason given for a sub-indication.
        case reason(SubIndication)
        /// The reason when no more specific one is in the table.
        case incomplete
    }

    /// The summary's languages, in order, with the text that joins its sentences.
    static let languages: [(tag: LanguageTag, separator: String)] = [(.zhHant, ""), (.pt, " "), (.en, " ")]

    /// The table.
    static let table: [Message: LocalizedText] = [
        .passed: [
            .zhHant: "驗證通過（{count} 個簽名）。", .pt: "Validação aprovada ({count} assinatura(s)).",
            .en: "Validation passed ({count} signature(s)).",
        ],
        .failed: [
            .zhHant: "驗證失敗：{reason}。", .pt: "Validação falhada: {reason}.", .en: "Validation failed: {reason}.",
        ],
        .indeterminate: [
            .zhHant: "未能確定：{reason}。", .pt: "Resultado indeterminado: {reason}.",
            .en: "Validation indeterminate: {reason}.",
        ],
        .signer: [.zhHant: "{signer}：{level}。", .pt: "{signer}: {level}.", .en: "{signer}: {level}."],
        .incomplete: [.zhHant: "未能完成驗證", .pt: "validação não concluída", .en: "validation did not complete"],
        .reason(.formatFailure): [
            .zhHant: "簽名格式不符", .pt: "formato de assinatura não conforme",
            .en: "the signature format does not conform",
        ],
        .reason(.hashFailure): [
            .zhHant: "文件內容已被更改", .pt: "o conteúdo do documento foi alterado",
            .en: "the document was changed after signing",
        ],
        .reason(.sigCryptoFailure): [
            .zhHant: "簽名值無效", .pt: "valor de assinatura inválido", .en: "the signature value is invalid",
        ],
        .reason(.revoked): [.zhHant: "證書已被廢止", .pt: "certificado revogado", .en: "the certificate was revoked"],
        .reason(.expired): [
            .zhHant: "簽署時證書已過期", .pt: "o certificado estava caducado no momento da assinatura",
            .en: "the certificate had expired at signing time",
        ],
        .reason(.notYetValid): [
            .zhHant: "簽署時證書尚未生效", .pt: "o certificado ainda não era válido no momento da assinatura",
            .en: "the certificate was not yet valid at signing time",
        ],
        .reason(.noCertificateChainFound): [
            .zhHant: "證書並非由受信任的認證機構簽發",
            .pt: "certificado não emitido por entidade certificadora de confiança",
            .en: "the certificate was not issued by a trusted CA",
        ],
        .reason(.noSigningCertificateFound): [
            .zhHant: "找不到簽署人證書", .pt: "certificado do signatário não encontrado",
            .en: "the signer's certificate was not found",
        ],
        .reason(.cryptoConstraintsFailure): [
            .zhHant: "簽名算法不獲接受", .pt: "algoritmo de assinatura não aceite",
            .en: "the signature algorithm is not accepted",
        ],
        .reason(.sigConstraintsFailure): [
            .zhHant: "簽名不符合政策要求", .pt: "a assinatura não cumpre a política",
            .en: "the signature does not meet the policy",
        ],
        .reason(.chainConstraintsFailure): [
            .zhHant: "證書用途不符", .pt: "utilização do certificado não conforme",
            .en: "the certificate is not meant for this use",
        ],
        .reason(.outOfBoundsNoPOE): [
            .zhHant: "證書已過期，且無時間戳證明簽署時間",
            .pt: "certificado caducado sem carimbo temporal que prove a data da assinatura",
            .en: "the certificate has expired and no time-stamp proves when the signature was made",
        ],
        .reason(.revokedNoPOE): [
            .zhHant: "證書已被廢止，且無時間戳證明簽署時間",
            .pt: "certificado revogado sem carimbo temporal que prove a data da assinatura",
            .en: "the certificate is revoked and no time-stamp proves when the signature was made",
        ],
        .reason(.tryLater): [
            .zhHant: "未能取得最新的廢止資料，請稍後再試", .pt: "informação de revogação indisponível; tente mais tarde",
            .en: "revocation information is unavailable; try again later",
        ],
        .reason(.signedDataNotFound): [
            .zhHant: "缺少已簽署的文件", .pt: "documento assinado em falta", .en: "the signed document is missing",
        ],
        .reason(.timestampOrderFailure): [
            .zhHant: "時間戳與聲稱的簽署時間不符", .pt: "o carimbo temporal contradiz a data de assinatura declarada",
            .en: "the time-stamp contradicts the claimed signing time",
        ],
    ]

    /// The text of `message` in every language of the table.
    static func text(_ message: Message) -> LocalizedText {
        table[message] ?? [:]
    }

    /// The reason given for `subIndication` (``Message/incomplete`` when there is none).
    static func reason(_ subIndication: SubIndication?) -> LocalizedText {
        subIndication.flatMap { table[.reason($0)] } ?? text(.incomplete)
    }

    /// `message` in `tag` with its `{name}` arguments replaced, in one pass (argument values are
    /// never read as templates); an empty string when the table lacks the language.
    static func render(_ message: Message, in tag: LanguageTag, _ arguments: [String: String] = [:]) -> String {
        guard let template = table[message]?[tag] else { return "" }
        var output = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            output += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            output += arguments[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        return output + rest
    }
}
