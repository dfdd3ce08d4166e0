import EGovCore
import EGovNotifications
import EGovTesting
import Foundation
import GRDB
import Testing

@testable import EGovSQLite

/// The compact stored form of notices: exact round trips, JSON bodies still read, corrupt bodies
/// refused with a typed error (never a trap).
@Suite struct StoredNoticeCodecTests {
    static func samples() throws -> [Notice] {
        let digest = String(repeating: "0123456789abcdef", count: 4)
        return [
            try NotificationStoreConformance.notice("N-1", key: "k-1"),
            try NotificationStoreConformance.notice("N-2", key: "k-2", category: .legallyEffective),
            try Notice(
                id: NoticeID("通知-ü-\u{1F600}"), idempotencyKey: String(repeating: "k", count: 128),
                recipientAccountID: "acct é", department: "IAM", category: .legallyEffective,
                reference: "IAM/DL/2026", templateID: "licence-decision", templateVersion: Int(Int32.max) + 7,
                preferredLocale: "zh-Hant-MO", channels: [.letter, .push, .email, .sms, .inbox],
                attachments: [
                    Attachment(
                        name: "決定書.pdf", mediaType: "application/pdf", sha256: digest,
                        location: try #require(URL(string: "https://docs.example.gov.mo/a/b?x=1&y=%20#frag"))),
                    Attachment(
                        name: "b", mediaType: "text/plain", sha256: digest,
                        location: try #require(URL(string: "urn:example:doc"))),
                ],
                urgency: .urgent, createdAt: Date(timeIntervalSinceReferenceDate: 789_012_345.678_901_234_5),
                expiresAt: Date(timeIntervalSinceReferenceDate: (789_012_345.678_901_234_5).nextUp)),
            try Notice(
                id: NoticeID("n"), idempotencyKey: "k", recipientAccountID: "a", department: "d",
                category: .informational, reference: "r", templateID: "t", templateVersion: 1,
                preferredLocale: "en", channels: [.sms], createdAt: Date(timeIntervalSinceReferenceDate: -1e9 - 0.1)),
        ]
    }

    @Test func compactFormRoundTripsExactly() throws {
        for notice in try Self.samples() {
            let body = try #require(StoredNoticeCodec.compact(notice))
            #expect(body.first == 0x01)
            let decoded = try StoredNoticeCodec.decode(body)
            #expect(decoded == notice)
            #expect(
                decoded.createdAt.timeIntervalSinceReferenceDate.bitPattern
                    == notice.createdAt.timeIntervalSinceReferenceDate.bitPattern)
            #expect(
                decoded.expiresAt?.timeIntervalSinceReferenceDate.bitPattern
                    == notice.expiresAt?.timeIntervalSinceReferenceDate.bitPattern)
            // Re-encoding the decoded notice gives the same bytes.
            #expect(StoredNoticeCodec.compact(decoded) == body)
        }
    }

    @Test func jsonBodiesAreStillRead() throws {
        for notice in try Self.samples() {
            let json = try JSONEncoder().encode(notice)
            #expect(try StoredNoticeCodec.decode(json) == notice)
        }
    }

    @Test func relativeAttachmentURLFallsBackToJSON() throws {
        let base = try #require(URL(string: "https://docs.example.gov.mo/dir/"))
        let notice = try Notice(
            id: NoticeID("n"), idempotencyKey: "k", recipientAccountID: "a", department: "d", category: .informational,
            reference: "r", templateID: "t", templateVersion: 1, preferredLocale: "en", channels: [.inbox],
            attachments: [
                Attachment(
                    name: "x", mediaType: "application/pdf", sha256: String(repeating: "ab", count: 32),
                    location: try #require(URL(string: "file.pdf", relativeTo: base)))
            ],
            createdAt: TestPKI.referenceDate)
        #expect(StoredNoticeCodec.compact(notice) == nil)
        let body = try StoredNoticeCodec.encode(notice)
        #expect(body.first == UInt8(ascii: "{"))
        // Stored exactly as before the compact form (JSON keeps the resolved URL, not its base).
        let viaJSON = try JSONDecoder().decode(Notice.self, from: JSONEncoder().encode(notice))
        #expect(try StoredNoticeCodec.decode(body) == viaJSON)
        #expect(try StoredNoticeCodec.decode(body).attachments.first?.location.absoluteString
            == notice.attachments.first?.location.absoluteString)
    }

    @Test func corruptBodiesAreRefusedWithATypedError() throws {
        let corrupt = StoreError.corruptRecord(table: "egov_notices")
        for notice in try Self.samples() {
            let body = try #require(StoredNoticeCodec.compact(notice))
            // Every truncation, and a trailing byte.
            for length in 0..<body.count {
                #expect(throws: corrupt) { _ = try StoredNoticeCodec.decode(body.prefix(length)) }
            }
            #expect(throws: corrupt) { _ = try StoredNoticeCodec.decode(body + [0]) }
            // Every single-byte change either decodes to a valid notice or is refused (no trap).
            for index in body.indices {
                for value: UInt8 in [0x00, 0x7F, 0x80, 0xFF] {
                    var changed = body
                    changed[index] = value
                    _ = try? StoredNoticeCodec.decode(changed)
                }
            }
        }
        #expect(throws: corrupt) { _ = try StoredNoticeCodec.decode(Data([0x02, 0x00])) }
        #expect(throws: corrupt) { _ = try StoredNoticeCodec.decode(Data("{not json".utf8)) }
        // A length that runs past the end, and an over-long LEB128.
        #expect(throws: corrupt) { _ = try StoredNoticeCodec.decode(Data([0x01, 0x7F, 0x41])) }
        #expect(throws: corrupt) { _ = try StoredNoticeCodec.decode(Data([0x01] + Array(repeating: 0xFF, count: 12))) }
        // Invalid UTF-8 in a string.
        #expect(throws: corrupt) { _ = try StoredNoticeCodec.decode(Data([0x01, 0x02, 0xC3, 0x28])) }
    }

    /// Batches larger than one multi-row insert: repeated keys across chunks return the first
    /// notice, an ID taken by another key fails the whole batch (nothing stored).
    @Test func batchesSpanningSeveralInsertChunks() async throws {
        let store = SQLiteNotificationStore(database: try SQLiteDatabase())
        var batch = try (0..<250).map { try NotificationStoreConformance.notice("N-\($0)", key: "k-\($0)") }
        batch[150] = try NotificationStoreConformance.notice("N-x", key: "k-10")
        batch[240] = batch[200]
        let results = try await store.enqueue(contentsOf: batch, at: TestPKI.referenceDate)
        #expect(results.count == 250)
        #expect(results.filter(\.created).count == 248)
        #expect(results[150].created == false && results[150].notice.id == NoticeID("N-10"))
        #expect(results[240].created == false && results[200].created && results[240].notice == batch[200])
        #expect(try await store.noticeCount() == 248)
        #expect(try await store.claimDue(now: TestPKI.referenceDate, limit: 1_000).count == 248)
        let clash = try (300..<420).map { try NotificationStoreConformance.notice("N-\($0)", key: "k-\($0)") }
            + [try NotificationStoreConformance.notice("N-5", key: "k-new")]
        await #expect(throws: NotificationError.conflict) {
            _ = try await store.enqueue(contentsOf: clash, at: TestPKI.referenceDate)
        }
        #expect(try await store.noticeCount() == 248)
    }

    @Test func storedBodyIsCompactAndLegacyJSONRowsStillLoad() async throws {
        let database = try SQLiteDatabase()
        let store = SQLiteNotificationStore(database: database)
        let samples = try Self.samples()
        _ = try await store.enqueue(samples[0], at: TestPKI.referenceDate)
        let first = try await database.writer.read { db in
            try Data.fetchOne(db, sql: "SELECT body FROM egov_notices WHERE id = 'N-1'")
        }
        #expect(first?.first == 0x01)
        // A row written as JSON (by an earlier EGovKit) reads back, also through the enqueue path.
        let legacy = samples[1]
        let json = try JSONEncoder().encode(legacy)
        try await database.writer.write { db in
            try db.execute(
                sql: "INSERT INTO egov_notices (id, idempotency_key, body) VALUES (?, ?, ?)",
                arguments: [legacy.id.rawValue, legacy.idempotencyKey, json])
            try db.execute(
                sql: """
                    INSERT INTO egov_deliveries (notice_id, state, due_at, version, enqueued_at, body)
                    VALUES (?, 'queued', ?, 0, ?, NULL)
                    """,
                arguments: [
                    legacy.id.rawValue, TestPKI.referenceDate.timeIntervalSinceReferenceDate,
                    TestPKI.referenceDate.timeIntervalSinceReferenceDate,
                ])
        }
        #expect(try await store.notice(legacy.id) == legacy)
        let again = try await store.enqueue(legacy, at: TestPKI.referenceDate)
        #expect(again.created == false && again.notice == legacy)
        #expect(try await store.delivery(legacy.id)?.noticeID == legacy.id)
        for notice in samples.dropFirst(2) {
            _ = try await store.enqueue(notice, at: TestPKI.referenceDate)
            #expect(try await store.notice(notice.id) == notice)
        }
    }
}
