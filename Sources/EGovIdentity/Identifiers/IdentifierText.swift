import EGovCore
import Foundation

/// Internal helpers shared by the built-in schemes: trimming, character classes and civil dates.
enum IdentifierText {
    /// Trims ASCII whitespace only. Other whitespace (such as the ideographic space U+3000) is
    /// left in place so that it is reported as an invalid character.
    static func trimASCIIWhitespace(_ raw: String) -> String {
        let isASCIISpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        guard let start = raw.firstIndex(where: { !isASCIISpace($0) }),
            let end = raw.lastIndex(where: { !isASCIISpace($0) })
        else { return "" }
        return String(raw[start...end])
    }

    /// Whether `character` is an ASCII digit `0`–`9`.
    static func isDigit(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= UInt8(ascii: "0") && ascii <= UInt8(ascii: "9")
    }

    /// Whether `character` is an uppercase ASCII letter `A`–`Z`.
    static func isUppercaseLetter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return false }
        return ascii >= UInt8(ascii: "A") && ascii <= UInt8(ascii: "Z")
    }

    /// The integer value of a run of ASCII digits, or `nil`.
    static func number(_ characters: ArraySlice<Character>) -> Int? {
        var result = 0
        for character in characters {
            guard isDigit(character), let digit = character.wholeNumberValue else { return nil }
            result = result * 10 + digit
        }
        return characters.isEmpty ? nil : result
    }

    /// Whether year-month-day is a real proleptic Gregorian calendar date.
    static func isRealDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        return day <= daysInMonth(year: year, month: month)
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2:
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a civil date (H. Hinnant's `days_from_civil`).
    static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil day number (days since 1970-01-01) of `date` at a fixed UTC offset.
    static func dayNumber(of date: Date, utcOffsetSeconds: Int) -> Int {
        let days = ((date.timeIntervalSince1970 + Double(utcOffsetSeconds)) / 86_400).rounded(.down)
        // Clamp instead of trapping on non-finite or absurd dates (±100 million days).
        guard days.isFinite else { return days > 0 ? 100_000_000 : -100_000_000 }
        return Int(min(max(days, -100_000_000), 100_000_000))
    }
}
