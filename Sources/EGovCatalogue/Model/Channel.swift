import EGovCore

/// A way a service can be used (CPSV-AP `Channel`).
public struct Channel: Sendable, Hashable, Codable {
    /// The kind of channel.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// A web portal (e.g. the Macao One Account portal).
        case online
        /// A mobile application.
        case app
        /// A service counter in person.
        case counter
        /// A self-service kiosk.
        case kiosk
    }

    /// The kind of channel.
    public var kind: Kind
    /// Opening hours, as free text in each language (e.g. `Mon–Fri 09:00–17:45`, `24/7`).
    public var openingHours: LocalizedText
    /// The address of an online or app channel, if any.
    public var url: String?

    /// Creates a channel.
    public init(kind: Kind, openingHours: LocalizedText = LocalizedText(), url: String? = nil) {
        self.kind = kind
        self.openingHours = openingHours
        self.url = url
    }
}
