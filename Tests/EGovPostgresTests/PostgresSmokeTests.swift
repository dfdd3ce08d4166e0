import Testing

@testable import EGovPostgres

@Suite struct PostgresSmokeTests {
    @Test func moduleLinks() {
        #expect(!(PostgresStoreVersion.current < 1))
    }
}
