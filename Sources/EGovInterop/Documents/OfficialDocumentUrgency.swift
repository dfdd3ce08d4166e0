import EGovCore

/// How urgently an official document must be handled (普通 / 急件 / 特急).
public enum OfficialDocumentUrgency: String, Sendable, Hashable, Codable, CaseIterable {
    /// 普通 — normal.
    case normal
    /// 急件 — urgent.
    case urgent
    /// 特急 — very urgent.
    case veryUrgent = "very-urgent"

    /// The urgency's name in Traditional Chinese, Portuguese and English.
    public var name: LocalizedText {
        switch self {
        case .normal: [.zhHant: "普通", .pt: "normal", .en: "normal"]
        case .urgent: [.zhHant: "急件", .pt: "urgente", .en: "urgent"]
        case .veryUrgent: [.zhHant: "特急", .pt: "muito urgente", .en: "very urgent"]
        }
    }
}
