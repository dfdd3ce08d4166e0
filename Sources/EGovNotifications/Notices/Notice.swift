import EGovCore
import Foundation

/// An electronic notice from a department to a recipient's account, replacing a paper notice.
///
/// A notice is validated when created (and when decoded): the idempotency key must be 1…128
/// characters, the reference must not look like personal data (``PersonalDataHeuristic``), the
/// channels must be non-empty and distinct, attachments well formed, and the expiry (if any)
/// after the creation time.
public struct Notice: Sendable, Hashable, Codable {
    /// The notice identifier.
    public let id: NoticeID
    /// The key that makes submission idempotent: submitting twice with the same key stores one notice.
    public let idempotencyKey: String
    /// The recipient's account identifier (an opaque platform account id, not an identity number).
    public let recipientAccountID: String
    /// The sending department's identifier.
    public let department: String
    /// Whether serving the notice has legal effect.
    public let category: NoticeCategory
    /// The department's case reference (never personal data).
    public let reference: String
    /// The template identifier.
    public let templateID: String
    /// The template version.
    public let templateVersion: Int
    /// The recipient's preferred locale (BCP 47 tag, e.g. `zh-Hant-HK`).
    public let preferredLocale: String
    /// The channels to try, in fallback order.
    public let channels: [NotificationChannel]
    /// Attached documents.
    public let attachments: [Attachment]
    /// How urgent the notice is.
    public let urgency: NoticeUrgency
    /// When the notice was created.
    public let createdAt: Date
    /// When the notice stops being worth delivering, or `nil` for never.
    public let expiresAt: Date?

    /// Creates a validated notice.
    ///
    /// - Throws: ``NotificationError/invalidIdempotencyKey``,
    ///   ``NotificationError/referenceLooksLikePersonalData``, ``NotificationError/invalidChannels``,
    ///   ``NotificationError/invalidAttachment(index:)`` or ``NotificationError/invalidNoticeField(_:)``.
    public init(
        id: NoticeID, idempotencyKey: String, recipientAccountID: String, department: String,
        category: NoticeCategory, reference: String, templateID: String, templateVersion: Int,
        preferredLocale: String, channels: [NotificationChannel], attachments: [Attachment] = [],
        urgency: NoticeUrgency = .normal, createdAt: Date, expiresAt: Date? = nil
    ) throws(NotificationError) {
        guard Self.isValidToken(idempotencyKey, maximum: 128) else { throw .invalidIdempotencyKey }
        guard Self.isValidToken(id.rawValue, maximum: 128) else { throw .invalidNoticeField("id") }
        guard Self.isValidToken(recipientAccountID, maximum: 128) else {
            throw .invalidNoticeField("recipientAccountID")
        }
        guard Self.isValidToken(department, maximum: 128) else { throw .invalidNoticeField("department") }
        guard Self.isValidToken(reference, maximum: 128), !PersonalDataHeuristic.looksLikePersonalData(reference)
        else { throw .referenceLooksLikePersonalData }
        guard Self.isValidToken(templateID, maximum: 128) else { throw .invalidNoticeField("templateID") }
        guard templateVersion >= 1 else { throw .invalidNoticeField("templateVersion") }
        guard Self.isValidLanguageTag(preferredLocale) else { throw .invalidNoticeField("preferredLocale") }
        guard !channels.isEmpty, Self.areDistinct(channels) else { throw .invalidChannels }
        for (index, attachment) in attachments.enumerated() where !attachment.isWellFormed {
            throw .invalidAttachment(index: index)
        }
        if let expiresAt, expiresAt <= createdAt { throw .invalidNoticeField("expiresAt") }
        self.id = id
        self.idempotencyKey = idempotencyKey
        self.recipientAccountID = recipientAccountID
        self.department = department
        self.category = category
        self.reference = reference
        self.templateID = templateID
        self.templateVersion = templateVersion
        self.preferredLocale = preferredLocale
        self.channels = channels
        self.attachments = attachments
        self.urgency = urgency
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    private enum CodingKeys: String, CodingKey {
        case id, idempotencyKey, recipientAccountID, department, category, reference, templateID, templateVersion
        case preferredLocale, channels, attachments, urgency, createdAt, expiresAt
    }

    /// Decodes and validates a notice (the same rules as ``init(id:idempotencyKey:recipientAccountID:department:category:reference:templateID:templateVersion:preferredLocale:channels:attachments:urgency:createdAt:expiresAt:)``).
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            id: container.decode(NoticeID.self, forKey: .id),
            idempotencyKey: container.decode(String.self, forKey: .idempotencyKey),
            recipientAccountID: container.decode(String.self, forKey: .recipientAccountID),
            department: container.decode(String.self, forKey: .department),
            category: container.decode(NoticeCategory.self, forKey: .category),
            reference: container.decode(String.self, forKey: .reference),
            templateID: container.decode(String.self, forKey: .templateID),
            templateVersion: container.decode(Int.self, forKey: .templateVersion),
            preferredLocale: container.decode(String.self, forKey: .preferredLocale),
            channels: container.decode([NotificationChannel].self, forKey: .channels),
            attachments: container.decode([Attachment].self, forKey: .attachments),
            urgency: container.decode(NoticeUrgency.self, forKey: .urgency),
            createdAt: container.decode(Date.self, forKey: .createdAt),
            expiresAt: container.decodeIfPresent(Date.self, forKey: .expiresAt))
    }

    /// Whether the notice has expired at `time`.
    public func isExpired(at time: Date) -> Bool {
        guard let expiresAt else { return false }
        return time >= expiresAt
    }

    /// Whether `text` is 1…`maximum` characters without control characters.
    ///
    /// Scans UTF-8 bytes: the control characters (general category `Cc`, a set Unicode keeps
    /// stable) are U+0000–U+001F, U+007F (one byte each) and U+0080–U+009F (`C2 80`–`C2 9F`).
    /// A text of at most `maximum` bytes has at most `maximum` characters; characters are only
    /// counted for longer texts.
    static func isValidToken(_ text: String, maximum: Int) -> Bool {
        let utf8 = text.utf8
        guard !utf8.isEmpty else { return false }
        if utf8.count > maximum, text.count > maximum { return false }
        var previous: UInt8 = 0
        for byte in utf8 {
            if byte < 0x20 || byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) { return false }
            previous = byte
        }
        return true
    }

    /// The normalised forms of the tags of ``LocalizedText/defaultFallback`` and `zh-Hans`: a
    /// preferred locale equal to one of them is a valid tag without parsing it again.
    private static let knownLanguageTags: [String] = (LocalizedText.defaultFallback + [.zhHans]).map(\.rawValue)

    /// Whether `text` parses as a ``LanguageTag``.
    static func isValidLanguageTag(_ text: String) -> Bool {
        knownLanguageTags.contains(text) || (try? LanguageTag(text)) != nil
    }

    /// Whether no channel appears twice (channel lists are short: no set is built).
    static func areDistinct(_ channels: [NotificationChannel]) -> Bool {
        for index in channels.indices.dropFirst() where channels[..<index].contains(channels[index]) {
            return false
        }
        return true
    }
}
