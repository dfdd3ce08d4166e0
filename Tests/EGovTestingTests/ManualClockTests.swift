import EGovCore
import EGovTesting
import Foundation
import Testing

@Suite struct ManualClockTests {
    @Test func startsAtTheReferenceDateAndMovesOnlyWhenTold() {
        let clock = ManualClock()
        #expect(clock.now() == TestPKI.referenceDate)
        #expect(clock.now() == clock.now())
        clock.advance(by: 90)
        #expect(clock.now() == TestPKI.referenceDate + 90)
        clock.advance(by: -30)
        #expect(clock.now() == TestPKI.referenceDate + 60)
        let date = Date(timeIntervalSince1970: 0)
        clock.set(date)
        #expect(clock.now() == date)
    }

    @Test func referenceDateIs2026() {
        let formatter = ISO8601DateFormatter()
        #expect(formatter.string(from: TestPKI.referenceDate) == "2026-01-01T00:00:00Z")
    }

    @Test func isUsableAsAWallClockFromManyTasks() async {
        let clock = ManualClock(Date(timeIntervalSince1970: 1000))
        let wall: any WallClock = clock
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<100 { group.addTask { clock.advance(by: 1) } }
        }
        #expect(wall.now() == Date(timeIntervalSince1970: 1100))
    }
}
