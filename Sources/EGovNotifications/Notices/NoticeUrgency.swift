/// How urgent a notice is.
public enum NoticeUrgency: String, Sendable, Hashable, Codable, CaseIterable {
    /// Sent at once, even during quiet hours.
    case urgent
    /// Held back during quiet hours.
    case normal
}
