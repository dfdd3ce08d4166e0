import EGovCertificates
import EGovCore
import EGovNotifications

/// Sample content for tests, in the four languages the library requires of display texts
/// (zh-Hant, zh-Hans, pt, en): a notification template and a credential type for the food and
/// beverage establishment licence.
public enum TestSamples {
    /// The `vct` of ``licenceCredentialType``.
    public static let licenceVCT = "https://credentials.gov.mo/food-establishment-licence"

    /// The licence decision notice for the app inbox, with one placeholder, `licence_number`:
    /// "Your licence ((licence_number)) was approved." Template id `licence-decision`, version 1.
    public static func licenceDecisionTemplate() throws -> NotificationTemplate {
        try NotificationTemplate(
            id: "licence-decision", version: 1,
            variants: [
                .inbox: ChannelVariant(
                    subject: [.zhHant: "牌照決定", .zhHans: "牌照决定", .pt: "Decisão sobre a licença", .en: "Licence decision"],
                    body: [
                        .zhHant: "您的牌照 ((licence_number)) 已獲批准。", .zhHans: "您的牌照 ((licence_number)) 已获批准。",
                        .pt: "A sua licença ((licence_number)) foi aprovada.",
                        .en: "Your licence ((licence_number)) was approved.",
                    ])
            ],
            placeholders: [PlaceholderSpec(name: "licence_number", type: .text)])
    }

    /// The food and beverage establishment licence as a credential type (``licenceVCT``), valid a
    /// year by default, with the claims `licence_number`, `holder_name`, `valid_until`, `address`
    /// and `seats`.
    public static let licenceCredentialType = CredentialType(
        vct: licenceVCT,
        name: [
            .zhHant: "飲食場所牌照", .zhHans: "饮食场所牌照", .pt: "Licença de estabelecimento de comidas",
            .en: "Food establishment licence",
        ],
        claims: [
            .init(path: "licence_number", label: [.zhHant: "牌照編號", .zhHans: "牌照编号", .pt: "Número da licença", .en: "Licence number"]),
            .init(path: "holder_name", label: [.zhHant: "持牌人", .zhHans: "持牌人", .pt: "Titular", .en: "Holder"]),
            .init(path: "valid_until", label: [.zhHant: "有效期至", .zhHans: "有效期至", .pt: "Válida até", .en: "Valid until"]),
            .init(path: "address", label: [.zhHant: "地址", .zhHans: "地址", .pt: "Endereço", .en: "Address"]),
            .init(path: "seats", label: [.zhHant: "座位數目", .zhHans: "座位数目", .pt: "Lugares", .en: "Seats"]),
        ],
        defaultValidity: 365 * 86_400)

    /// Sample licence claims for ``licenceCredentialType``: licence IAM-2026-0001 of Boa Mesa Lda.
    public static let licenceClaims: [String: JSONValue] = [
        "licence_number": .string("IAM-2026-0001"), "holder_name": .string("Boa Mesa Lda."),
        "valid_until": .string("2027-04-30"), "address": .string("Rua de Exemplo 1, Macau"), "seats": .number(48),
    ]
}
