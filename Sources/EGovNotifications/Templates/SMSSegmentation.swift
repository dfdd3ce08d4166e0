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

    private static let basicSet: Set<Unicode.Scalar> = Set(basicCharacters.unicodeScalars)
    private static let extensionSet: Set<Unicode.Scalar> = Set(extensionCharacters.unicodeScalars)

    /// The septets `scalar` takes in GSM-7: 1 (basic table), 2 (extension table), or `nil` if it
    /// cannot be sent in GSM-7.
    public static func gsm7Septets(_ scalar: Unicode.Scalar) -> Int? {
        if basicSet.contains(scalar) { return 1 }
        if extensionSet.contains(scalar) { return 2 }
        return nil
    }

    /// How many parts units of the given sizes need, never splitting a unit, with the given
    /// single-message and per-part capacities. Empty input needs 0 parts.
    static func segments(costs: [Int], single: Int, part: Int) -> Int {
        let total = costs.reduce(0, +)
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
}
