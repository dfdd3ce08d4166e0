import Testing

@testable import EGovInterop

@Suite struct InteropSmokeTests {
    @Test func moduleLinks() {
        #expect(!InteropVersion.current.isEmpty)
    }
}
