import EGovCore

/// The security classification of an official document.
public enum OfficialDocumentClassification: String, Sendable, Hashable, Codable, CaseIterable {
    /// May be published.
    case `public`
    /// Restricted to the departments concerned (限閱).
    case limited
    /// Confidential (機密).
    case confidential

    /// The classification's name in Traditional Chinese, Portuguese and English.
    public var name: LocalizedText {
        switch self {
        case .public: [.zhHant: "公開", .pt: "público", .en: "public"]
        case .limited: [.zhHant: "限閱", .pt: "reservado", .en: "limited"]
        case .confidential: [.zhHant: "機密", .pt: "confidencial", .en: "confidential"]
        }
    }
}
