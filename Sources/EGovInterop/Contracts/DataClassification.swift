import EGovCore

/// How sensitive the data a service returns is, which decides who may see it and how it is kept.
///
/// The three levels follow Macau government practice: 公開 public, 有限公開 limited (shared with
/// named departments for stated purposes), 保密 confidential (personal or protected data; every
/// use needs a legal basis, and consent where the contract says so).
public enum DataClassification: String, Sendable, Codable, CaseIterable, Hashable {
    /// 公開 — may be published.
    case `public`
    /// 有限公開 — limited disclosure to the consumers and purposes a contract names.
    case limited
    /// 保密 — confidential.
    case confidential

    /// The label in Traditional Chinese (Macau), Portuguese and English.
    public var label: LocalizedText {
        switch self {
        case .public: [.zhHantMO: "公開", .ptMO: "Público", .en: "Public"]
        case .limited: [.zhHantMO: "有限公開", .ptMO: "Divulgação limitada", .en: "Limited"]
        case .confidential: [.zhHantMO: "保密", .ptMO: "Confidencial", .en: "Confidential"]
        }
    }
}
