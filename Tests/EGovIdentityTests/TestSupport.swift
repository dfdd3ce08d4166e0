import Foundation

/// A UTC instant for a calendar date and optional time, for deterministic tests.
func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int = 0) -> Date {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
    let components = DateComponents(year: year, month: month, day: day, hour: hour)
    return calendar.date(from: components) ?? Date(timeIntervalSince1970: 0)
}

/// Converts ASCII digits and letters to their full-width forms (U+FF10…, U+FF21…).
func fullWidth(_ text: String) -> String {
    String(
        String.UnicodeScalarView(
            text.unicodeScalars.map { scalar in
                (0x21...0x7E).contains(scalar.value) ? Unicode.Scalar(scalar.value + 0xFEE0) ?? scalar : scalar
            }))
}

/// A small deterministic pseudo-random generator (64-bit LCG) for cross-check tests.
struct DeterministicGenerator {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next(below bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
