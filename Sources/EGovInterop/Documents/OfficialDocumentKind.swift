import EGovCore

/// What an official document is.
public enum OfficialDocumentKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// A letter (公函).
    case letter
    /// A request for comments (徵詢意見).
    case requestForComments = "request-for-comments"
    /// A reply to an earlier document (覆函); must reference it.
    case reply

    /// The kind's name in Traditional Chinese, Portuguese and English.
    public var name: LocalizedText {
        switch self {
        case .letter: [.zhHant: "公函", .pt: "ofício", .en: "letter"]
        case .requestForComments: [.zhHant: "徵詢意見", .pt: "pedido de parecer", .en: "request for comments"]
        case .reply: [.zhHant: "覆函", .pt: "resposta", .en: "reply"]
        }
    }
}
