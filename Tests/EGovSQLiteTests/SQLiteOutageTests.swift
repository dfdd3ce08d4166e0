import EGovCatalogue
import EGovCertificates
import EGovCore
import EGovCrypto
import EGovIdentity
import EGovNotifications
import EGovTesting
import Foundation
import GRDB
import Testing

@testable import EGovSQLite

/// A database that fails (here: closed under the stores) makes every read throw a ``StoreError``:
/// no store answers a failure as "nothing", an empty queue or an empty chain.
@Suite struct SQLiteOutageTests {
    @Test func readsThrowWhenTheDatabaseFails() async throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let database = try scratch.database(onDisk: true)
        let notifications = SQLiteNotificationStore(database: database)
        let notice = try NotificationStoreConformance.notice("N-1", key: "k")
        _ = try await notifications.enqueue(notice, at: TestPKI.referenceDate)
        let clock = ManualClock()
        let audit = SQLiteAuditLog(database: database, hashFunction: HashAlgorithm.sha256, clock: clock)
        _ = try await audit.append(AuditEvent(actor: "a", action: "b", subject: "c"))
        let consent = SQLiteConsentStore(database: database)
        let cases = SQLiteCaseStore(database: database)
        let statusLists = SQLiteStatusListStore(database: database)
        let mandates = SQLiteMandateStore(database: database)
        let replay = SQLiteReplayCache(database: database, clock: clock, capacity: 10)
        #expect(try await notifications.claimDue(now: TestPKI.referenceDate, limit: 10).count == 1)

        try database.writer.close()

        try await NotificationStoreOutageConformance.run(store: notifications, noticeID: notice.id)
        await #expect(throws: StoreError.self) { try await audit.entries(from: 0, limit: 10) }
        await #expect(throws: StoreError.self) { try await audit.count }
        await #expect(throws: StoreError.self) { try await audit.verify() }
        await #expect(throws: StoreError.self) { try await consent.grant(id: "g") }
        await #expect(throws: StoreError.self) { try await consent.grants(ofPerson: "p") }
        await #expect(throws: StoreError.self) { try await cases.applicationCase(id: "c") }
        await #expect(throws: StoreError.self) { try await cases.openCases(departmentID: nil) }
        await #expect(throws: StoreError.self) { try await statusLists.snapshot(uri: "u") }
        await #expect(throws: StoreError.self) { try await statusLists.uris() }
        await #expect(throws: StoreError.self) { try await mandates.registry(rolePolicy: .standard) }
        await #expect(throws: StoreError.self) {
            try await replay.admit(messageID: "m", sender: "s", issuedAt: clock.now())
        }
    }
}
