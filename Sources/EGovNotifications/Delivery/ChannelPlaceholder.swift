// Replaced at merge by Templates/NotificationChannel.swift

/// A channel a notice can be delivered through, in the notice's fallback order.
public enum NotificationChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case inbox, email, sms, push, letter
}
