/// Formats doubles exactly as ECMAScript's `Number.prototype.toString()` (ES2015 section 7.1.12.1),
/// as JCS (RFC 8785 section 3.2.2.3) requires.
///
/// The shortest round-trip digit string is taken from Swift's `Double.description`, which produces
/// the shortest digits that round-trip, choosing the closest when several exist; only the layout
/// (plain, fraction, or exponent form) is redone here.
enum ECMAScriptNumber {
    /// The ES6 string for a finite double, or `nil` for NaN or an infinity.
    static func format(_ value: Double) -> String? {
        guard value.isFinite else { return nil }
        if value == 0 { return "0" }  // covers -0
        if value < 0 {
            guard let magnitude = format(-value) else { return nil }
            return "-" + magnitude
        }
        guard let (digits, exponent) = decompose(value.description) else { return nil }
        // value = 0.d1d2…dk × 10^n, with k = digits.count, n = exponent.
        let k = digits.count
        let n = exponent
        if k <= n, n <= 21 {
            return String(digits) + String(repeating: "0", count: n - k)
        }
        if 0 < n, n <= 21 {
            return String(digits.prefix(n)) + "." + String(digits.dropFirst(n))
        }
        if -6 < n, n <= 0 {
            return "0." + String(repeating: "0", count: -n) + String(digits)
        }
        let e = n - 1
        let sign = e < 0 ? "-" : "+"
        let mantissa =
            k == 1 ? String(digits) : String(digits.prefix(1)) + "." + String(digits.dropFirst())
        return mantissa + "e" + sign + String(abs(e))
    }

    /// Splits Swift's description (e.g. `1.2345e-07`, `100.0`) into significant digits without
    /// leading/trailing zeros and the exponent `n` such that value = 0.digits × 10^n.
    private static func decompose(_ text: String) -> ([Character], Int)? {
        var mantissa = Substring(text)
        var exponentPart = 0
        if let eIndex = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<eIndex]
            guard let parsed = Int(text[text.index(after: eIndex)...]) else { return nil }
            exponentPart = parsed
        }
        var integerDigits = Substring(mantissa)
        var fractionDigits = Substring("")
        if let dot = mantissa.firstIndex(of: ".") {
            integerDigits = mantissa[..<dot]
            fractionDigits = mantissa[mantissa.index(after: dot)...]
        }
        guard (integerDigits + fractionDigits).allSatisfy(\.isASCII) else { return nil }
        var all = Array(integerDigits + fractionDigits)
        // The decimal point sits after integerDigits.count digits.
        var pointPosition = integerDigits.count + exponentPart
        while let first = all.first, first == "0" {
            all.removeFirst()
            pointPosition -= 1
        }
        while let last = all.last, last == "0" { all.removeLast() }
        guard !all.isEmpty, all.allSatisfy({ $0.isNumber }) else { return nil }
        return (all, pointPosition)
    }
}
