/// Whether serving a notice has legal effect.
public enum NoticeCategory: String, Sendable, Hashable, Codable, CaseIterable {
    /// Information only; no evidence is kept and no deemed service applies.
    case informational
    /// Legally effective when served: evidence is recorded and deemed service may apply.
    case legallyEffective
}
