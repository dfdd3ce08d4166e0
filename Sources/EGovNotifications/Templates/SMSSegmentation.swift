/// The GSM 03.38 (3GPP TS 23.038) character tables and concatenated-SMS limits used by ``SMSInfo``.
///
/// - The GSM 7-bit default alphabet's basic table has 128 positions; 127 are characters (position
///   0x1B is the escape to the extension table). Mapping to Unicode follows the Unicode
///   consortium's `GSM0338.TXT`: position 0x09 is **capital** `Ç` (U+00C7). Lowercase `ç`, and the
///   Portuguese `ã õ á í ó ú â ê ô`, are not in the table, so text containing them is sent as UCS-2.
///   There is no transliteration: official Portuguese text is never silently altered.
/// - The extension table characters `^ { } \ [ ~ ] | €` and form feed are sent as escape + code
///   and take two septets.
/// - A single message holds 160 septets (GSM-7) or 70 UTF-16 code units (UCS-2). Concatenated
///   messages spend 6 octets of each part on the user data header, leaving 153 septets or 67 code
///   units per part.
/// - An escape sequence is never split across parts, nor is a UTF-16 surrogate pair: a two-unit
///   character that would straddle a part boundary starts the next part, as carriers do.
///
/// Classification is per Unicode scalar, without normalisation: a decomposed `é` (`e` + U+0301)
/// needs UCS-2, a precomposed one does not.
public enum SMSSegmentation {
    /// Septets in a single GSM-7 message.
    public static let gsm7SingleLimit = 160
    /// Septets per part of a concatenated GSM-7 message.
    public static let gsm7PartLimit = 153
    /// UTF-16 code units in a single UCS-2 message.
    public static let ucs2SingleLimit = 70
    /// UTF-16 code units per part of a concatenated UCS-2 message.
    public static let ucs2PartLimit = 67

    /// The 127 characters of the GSM 03.38 basic table, in table order (0x1B, escape, omitted).
    public static let basicCharacters: String =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"

    /// The 10 characters of the GSM 03.38 extension table: form feed and `^ { } \ [ ~ ] | €`.
    public static let extensionCharacters: String = "\u{0C}^{}\\[~]|€"

    /// The septets of each scalar below U+0400 (0: not in GSM-7), from the two tables above.
    private static let septetTable: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 0x400)
        for scalar in basicCharacters.unicodeScalars where scalar.value < 0x400 { table[Int(scalar.value)] = 1 }
        for scalar in extensionCharacters.unicodeScalars where scalar.value < 0x400 && table[Int(scalar.value)] == 0 {
            table[Int(scalar.value)] = 2
        }
        return table
    }()

    /// The table characters at or above U+0400 (only `€`) with their septets, basic table first.
    private static let highCharacters: [(scalar: Unicode.Scalar, septets: Int)] =
        basicCharacters.unicodeScalars.filter { $0.value >= 0x400 }.map { ($0, 1) }
        + extensionCharacters.unicodeScalars.filter { $0.value >= 0x400 }.map { ($0, 2) }

    /// The septets `scalar` takes in GSM-7: 1 (basic table), 2 (extension table), or `nil` if it
    /// cannot be sent in GSM-7.
    public static func gsm7Septets(_ scalar: Unicode.Scalar) -> Int? {
        let value = Int(scalar.value)
        if value < septetTable.count {
            let septets = septetTable[value]
            return septets == 0 ? nil : Int(septets)
        }
        return highCharacters.first { $0.scalar == scalar }?.septets
    }

    /// How many parts units of the given sizes need, never splitting a unit, with the given
    /// single-message and per-part capacities. Empty input needs 0 parts.
    static func segments(costs: some Sequence<Int>, single: Int, part: Int) -> Int {
        segments(total: costs.reduce(0, +), costs: costs, single: single, part: part)
    }

    /// ``segments(costs:single:part:)`` when the sum of `costs` is already known as `total`:
    /// `costs` is only read if the text needs more than one part.
    static func segments(total: Int, costs: some Sequence<Int>, single: Int, part: Int) -> Int {
        if total == 0 { return 0 }
        if total <= single { return 1 }
        var parts = 1
        var used = 0
        for cost in costs {
            if used + cost > part {
                parts += 1
                used = 0
            }
            used += cost
        }
        return parts
    }

    /// The UTF-16 code units of `text` (`text.utf16.count`), counted on its UTF-8 bytes: one per
    /// scalar (each starts with a byte that is not `10xxxxxx`), two for a scalar above U+FFFF
    /// (those start with `11110xxx`). Counting the UTF-16 view of non-ASCII text would build
    /// its index breadcrumbs.
    static func utf16Count(_ text: String) -> Int {
        var units = 0
        for byte in text.utf8 {
            if byte & 0xC0 != 0x80 { units += 1 }
            if byte >= 0xF0 { units += 1 }
        }
        return units
    }

    /// The number of user-visible characters (extended grapheme clusters) of `text`, as
    /// `text.count` gives it.
    ///
    /// When every scalar is one that the Unicode segmentation rules (UAX #29) always separate
    /// from its neighbours (see ``isAlwaysOwnCluster(_:)``), the count is the number of scalars
    /// less one for each CR LF pair (rule GB3); otherwise `text.count` is used.
    static func characterCount(_ text: String) -> Int {
        var count = 0
        var previousCR = false
        for scalar in text.unicodeScalars {
            guard isAlwaysOwnCluster(scalar) else { return text.count }
            if !(previousCR && scalar == "\n") { count += 1 }
            previousCR = scalar == "\r"
        }
        return count
    }

    /// Whether `scalar` forms a grapheme cluster of its own whatever surrounds it, given that
    /// every other scalar of the text is one of these too: its Grapheme_Cluster_Break is
    /// Other, Control, CR or LF (never Extend, ZWJ, SpacingMark, Prepend, Regional_Indicator
    /// or a Hangul type). Extended_Pictographic ones (`©`, `〰`) only join through a ZWJ, which
    /// is not among them. The ranges are Basic Latin to Spacing Modifier Letters
    /// (U+0000–U+02FF), CJK Symbols and Punctuation less its combining tone marks U+302A–U+302F,
    /// CJK Unified Ideographs and Extension A, and the fullwidth ASCII forms U+FF01–U+FF5E.
    static func isAlwaysOwnCluster(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x02FF, 0x3000...0x3029, 0x3030...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E:
            true
        default: false
        }
    }
}
