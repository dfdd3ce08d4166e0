import EGovCore

/// Checks personalisation values against their declared ``PlaceholderType`` and formats them.
///
/// Problems are described without the offending value.
enum PersonalisationValidator {
    /// A value that passed its checks.
    enum Checked: Hashable, Sendable {
        /// Text to insert as is.
        case text(String)
        /// A boolean condition.
        case flag(Bool)
        /// A calendar date, formatted per locale when inserted.
        case date(year: Int, month: Int, day: Int)
    }

    /// Checks `value` for `spec`, with at most `limit` characters of text.
    static func check(_ value: JSONValue, spec: PlaceholderSpec, limit: Int) throws(TemplateError) -> Checked {
        let name = spec.name
        func invalid(_ problem: String) -> TemplateError {
            .invalidPersonalisation(name: name, type: spec.type, problem: problem)
        }
        func string() throws(TemplateError) -> String {
            guard case .string(let string) = value else { throw invalid("expected a JSON string") }
            // At most `limit` bytes is at most `limit` characters: count characters only past that.
            guard string.utf8.count <= limit || string.count <= limit else {
                throw .valueTooLong(name: name, limit: limit)
            }
            return string
        }
        switch spec.type {
        case .text:
            let text = try string()
            guard !containsForbiddenControl(text) else { throw invalid("contains control characters") }
            return .text(text)
        case .number:
            guard case .number(let number) = value else { throw invalid("expected a JSON number") }
            guard number.isFinite else { throw invalid("not finite") }
            let text: String
            if number == number.rounded(), abs(number) < 1e15 {
                text = String(Int64(number))
            } else {
                text = String(number)
            }
            guard text.count <= limit else { throw .valueTooLong(name: name, limit: limit) }
            return .text(text)
        case .boolean:
            guard case .bool(let flag) = value else { throw invalid("expected true or false") }
            return .flag(flag)
        case .date:
            let text = try string()
            guard let (year, month, day) = parseDate(text) else {
                throw invalid("expected an ISO 8601 calendar date YYYY-MM-DD")
            }
            return .date(year: year, month: month, day: day)
        case .url:
            let text = try string()
            guard isWebURL(text) else { throw invalid("expected an absolute http or https URL") }
            return .text(text)
        case .money:
            guard case .object(let members) = value, members.count == 2,
                case .string(let amount)? = members["amount"], case .string(let currency)? = members["currency"]
            else { throw invalid("expected {\"amount\": \"decimal string\", \"currency\": \"ISO 4217 code\"}") }
            guard isDecimal(amount) else { throw invalid("the amount is not a decimal string") }
            guard currency.utf8.count == 3, currency.utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
                throw invalid("the currency is not an ISO 4217 code")
            }
            let text = currency + " " + amount
            guard text.count <= limit else { throw .valueTooLong(name: name, limit: limit) }
            return .text(text)
        }
    }

    /// Whether `text` has a control character other than line feed, tab and carriage return:
    /// U+0000–U+001F and U+007F (single bytes) or U+0080–U+009F (`C2 80`–`C2 9F` in UTF-8).
    static func containsForbiddenControl(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte < 0x20 {
                if byte != 0x0A, byte != 0x09, byte != 0x0D { return true }
            } else if byte == 0x7F || (previous == 0xC2 && (0x80...0x9F).contains(byte)) {
                return true
            }
            previous = byte
        }
        return false
    }

    /// Parses a strict `YYYY-MM-DD` date with a real day of the proleptic Gregorian calendar.
    static func parseDate(_ text: String) -> (Int, Int, Int)? {
        guard text.utf8.count == 10 else { return nil }
        var text = text
        return text.withUTF8(parseDate)
    }

    private static func parseDate(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int, Int)? {
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var result = 0
            for index in range {
                let byte = bytes[index]
                guard (0x30...0x39).contains(byte) else { return nil }
                result = result * 10 + Int(byte - 0x30)
            }
            return result
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            year >= 1, (1...12).contains(month), day >= 1
        else { return nil }
        let isLeap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let length =
            switch month {
            case 2: isLeap ? 29 : 28
            case 4, 6, 9, 11: 30
            default: 31
            }
        guard day <= length else { return nil }
        return (year, month, day)
    }

    /// Appends a date formatted for a locale to `output`: `2026年11月21日` (zh), `21/11/2026` (pt),
    /// `21 November 2026` (en), ISO 8601 otherwise.
    static func appendDate(year: Int, month: Int, day: Int, locale: LanguageTag, to output: inout String) {
        func append(_ value: Int, width: Int = 0) {
            let digits = String(value)
            for _ in 0..<max(0, width - digits.utf8.count) { output += "0" }
            output += digits
        }
        switch locale.language {
        case "zh":
            append(year)
            output += "年"
            append(month)
            output += "月"
            append(day)
            output += "日"
        case "pt":
            append(day, width: 2)
            output += "/"
            append(month, width: 2)
            output += "/"
            append(year, width: 4)
        case "en":
            let months = [
                "January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December",
            ]
            append(day)
            output += " "
            output += months.indices.contains(month - 1) ? months[month - 1] : String(month)
            output += " "
            append(year)
        default:
            append(year, width: 4)
            output += "-"
            append(month, width: 2)
            output += "-"
            append(day, width: 2)
        }
    }

    /// Whether `text` is an absolute `http`/`https` URL with a non-empty host and no whitespace,
    /// control characters, `<`, `>`, `"` or backslash.
    static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        let rest: Substring
        if lower.hasPrefix("https://") {
            rest = text.dropFirst(8)
        } else if lower.hasPrefix("http://") {
            rest = text.dropFirst(7)
        } else {
            return false
        }
        let badScalar = text.unicodeScalars.contains { scalar in
            scalar.value <= 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.properties.isWhitespace
                || "<>\"\\`".unicodeScalars.contains(scalar)
        }
        guard !badScalar else { return false }
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@", omittingEmptySubsequences: false).last ?? ""
        let hostName = host.split(separator: ":", omittingEmptySubsequences: false).first ?? ""
        return !hostName.isEmpty
    }

    /// Whether `text` is `-?(0|[1-9][0-9]*)(\.[0-9]{1,4})?`.
    static func isDecimal(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if bytes.first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let parts = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let integer = parts.first, !integer.isEmpty, integer.count <= 15,
            integer.allSatisfy({ (0x30...0x39).contains($0) }),
            integer.count == 1 || integer.first != UInt8(ascii: "0")
        else { return false }
        if parts.count == 2 {
            let fraction = parts[1]
            return (1...4).contains(fraction.count) && fraction.allSatisfy { (0x30...0x39).contains($0) }
        }
        return true
    }
}
