/// The channel through which an application was submitted.
public enum SubmissionChannel: String, Sendable, Codable, Hashable, CaseIterable {
    /// A web portal.
    case online
    /// A mobile app (e.g. the Macao One Account app).
    case app
    /// In person at a service counter.
    case counter
    /// A self-service kiosk.
    case kiosk

    /// Whether the channel is remote and digital (``online`` or ``app``).
    public var isOnline: Bool { self == .online || self == .app }
}
