/// The encoding and length of an SMS body, as a carrier would bill it.
///
/// See ``SMSSegmentation`` for the GSM 03.38 rules applied.
public struct SMSInfo: Sendable, Hashable, Codable {
    /// The data coding used for the whole message.
    public enum Encoding: String, Sendable, Hashable, Codable {
        /// The GSM 7-bit default alphabet with its extension table.
        case gsm7
        /// UCS-2 (in practice UTF-16), 16 bits per code unit.
        case ucs2
    }

    /// The default maximum number of segments accepted: 10.
    public static let defaultMaximumSegments = 10

    /// The encoding: GSM-7 if every character is in the GSM 03.38 tables, otherwise UCS-2.
    public let encoding: Encoding
    /// User-visible characters (extended grapheme clusters).
    public let characters: Int
    /// Septets for GSM-7 (2 for each extension-table character), UTF-16 code units for UCS-2.
    public let units: Int
    /// Parts the message is sent in; 0 for empty text.
    public let segments: Int

    /// Measures `text` and checks it fits in `maximumSegments` parts.
    ///
    /// - Parameters:
    ///   - text: the message text.
    ///   - maximumSegments: the largest accepted number of parts, clamped to 1...255
    ///     (the concatenation header counts parts in one octet).
    /// - Throws: ``TemplateError/smsTooLong(segments:limit:)`` if more parts are needed.
    public init(text: String, maximumSegments: Int = SMSInfo.defaultMaximumSegments) throws(TemplateError) {
        let limit = min(max(maximumSegments, 1), 255)
        var septets = 0
        var isGSM = true
        for scalar in text.unicodeScalars {
            guard let cost = SMSSegmentation.gsm7Septets(scalar) else {
                isGSM = false
                break
            }
            septets += cost
        }
        if isGSM {
            encoding = .gsm7
            units = septets
            segments = SMSSegmentation.segments(
                total: septets, costs: text.unicodeScalars.lazy.map { SMSSegmentation.gsm7Septets($0) ?? 1 },
                single: SMSSegmentation.gsm7SingleLimit, part: SMSSegmentation.gsm7PartLimit)
        } else {
            encoding = .ucs2
            units = SMSSegmentation.utf16Count(text)
            segments = SMSSegmentation.segments(
                total: units, costs: text.unicodeScalars.lazy.map { $0.utf16.count },
                single: SMSSegmentation.ucs2SingleLimit, part: SMSSegmentation.ucs2PartLimit)
        }
        characters = SMSSegmentation.characterCount(text)
        guard segments <= limit else { throw .smsTooLong(segments: segments, limit: limit) }
    }
}
