/// Exact reading of JSON numbers (IEEE 754 doubles) as integers.
enum JSONNumber {
    /// `value` as an `Int` if it is a whole number within ±2^53, else `nil` (never rounded).
    static func exactInteger(_ value: Double) -> Int? {
        guard value.isFinite, value.rounded(.towardZero) == value, abs(value) <= 9_007_199_254_740_992 else {
            return nil
        }
        return Int(value)
    }
}
