/// A channel through which a notification reaches a person.
///
/// Encodes as its raw string (`"sms"`), and as a JSON object key when used as a dictionary key.
public enum NotificationChannel: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    /// The in-app or portal inbox of the person's government account.
    case inbox
    /// E-mail, rendered as plain text and HTML.
    case email
    /// A text message; see ``SMSInfo`` for its length accounting.
    case sms
    /// A push notification to a registered device.
    case push
    /// A printed, posted letter.
    case letter
}
