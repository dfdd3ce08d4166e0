/// The outcome of the review of an application.
public enum CaseDecision: String, Sendable, Codable, Hashable, CaseIterable {
    /// The application was granted.
    case approved
    /// The application was refused on its merits.
    case refused
}
