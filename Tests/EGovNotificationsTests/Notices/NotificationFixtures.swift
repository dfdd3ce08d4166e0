import EGovCore
import EGovNotifications
import EGovTesting
import Foundation

/// Shared builders for the notification tests.
enum NotificationFixtures {
    static let digest = String(repeating: "ab", count: 32)

    static func notice(
        id: String = "N-1", key: String? = nil, category: NoticeCategory = .informational,
        channels: [NotificationChannel] = [.inbox, .email], urgency: NoticeUrgency = .normal,
        reference: String = "TAX-2026-00042", createdAt: Date = TestPKI.referenceDate, expiresAt: Date? = nil
    ) throws -> Notice {
        try Notice(
            id: NoticeID(id), idempotencyKey: key ?? "key-\(id)", recipientAccountID: "acct-\(id)",
            department: "dept-tax", category: category, reference: reference, templateID: "tax-assessment",
            templateVersion: 1, preferredLocale: "zh-Hant-HK", channels: channels,
            attachments: [
                Attachment(
                    name: "assessment.pdf", mediaType: "application/pdf", sha256: digest,
                    location: URL(string: "https://docs.example.gov/a/1") ?? URL(fileURLWithPath: "/"))
            ],
            urgency: urgency, createdAt: createdAt, expiresAt: expiresAt)
    }
}
