import EGovCore
import EGovNotifications
import EGovTesting
import Foundation
import Testing

@Suite struct NotificationNoticeTests {
    @Test func validNoticeRoundTripsThroughJSON() throws {
        let notice = try NotificationFixtures.notice(category: .legallyEffective)
        let decoded = try JSONDecoder().decode(Notice.self, from: JSONEncoder().encode(notice))
        #expect(decoded == notice)
    }

    @Test func idempotencyKeyMustBeOneTo128Characters() throws {
        #expect(throws: NotificationError.invalidIdempotencyKey) { try NotificationFixtures.notice(key: "") }
        #expect(throws: NotificationError.invalidIdempotencyKey) {
            try NotificationFixtures.notice(key: String(repeating: "k", count: 129))
        }
        _ = try NotificationFixtures.notice(key: String(repeating: "k", count: 128))
    }

    @Test(arguments: [
        "12345678", "REF-110101199003077654", "11010119900307765X", "1234567(8)", "A123456(7)", "ref 9876543210",
    ])
    func referencesThatLookLikePersonalDataAreRefused(_ reference: String) {
        #expect(throws: NotificationError.referenceLooksLikePersonalData) {
            try NotificationFixtures.notice(reference: reference)
        }
    }

    @Test(arguments: ["TAX-2026-00042", "1234567", "CASE/2026/42(A)", "ABC-123456"])
    func opaqueReferencesAreAccepted(_ reference: String) throws {
        _ = try NotificationFixtures.notice(reference: reference)
    }

    @Test func channelsMustBeNonEmptyAndDistinct() {
        #expect(throws: NotificationError.invalidChannels) { try NotificationFixtures.notice(channels: []) }
        #expect(throws: NotificationError.invalidChannels) {
            try NotificationFixtures.notice(channels: [.email, .email])
        }
    }

    @Test func expiryMustFollowCreation() {
        #expect(throws: NotificationError.invalidNoticeField("expiresAt")) {
            try NotificationFixtures.notice(expiresAt: TestPKI.referenceDate)
        }
    }

    @Test func malformedAttachmentDigestIsRefused() {
        #expect(throws: NotificationError.invalidAttachment(index: 0)) {
            try Notice(
                id: NoticeID("N"), idempotencyKey: "k", recipientAccountID: "a", department: "d",
                category: .informational, reference: "R-1", templateID: "t", templateVersion: 1,
                preferredLocale: "en", channels: [.inbox],
                attachments: [
                    Attachment(
                        name: "x.pdf", mediaType: "application/pdf", sha256: "XYZ",
                        location: URL(fileURLWithPath: "/x"))
                ], createdAt: TestPKI.referenceDate)
        }
    }

    @Test func errorsHaveStableCodesAndNoPersonalData() {
        let error = NotificationError.referenceLooksLikePersonalData
        #expect(error.code == "notifications.notice.reference_personal_data")
        #expect(!error.reason.contains("1234"))
    }
}
