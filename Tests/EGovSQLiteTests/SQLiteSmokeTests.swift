import Testing

@testable import EGovSQLite

@Suite struct SQLiteSmokeTests {
    @Test func moduleLinks() {
        #expect(!(SQLiteStoreVersion.current < 1))
    }
}
