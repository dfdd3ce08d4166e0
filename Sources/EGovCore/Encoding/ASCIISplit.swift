extension StringProtocol {
    /// Splits at every occurrence of the ASCII byte `separator`, keeping empty pieces.
    ///
    /// The same pieces as `split(separator:omittingEmptySubsequences: false)` with an ASCII
    /// separator, but computed on UTF-8 bytes and returned as new `String`s: no grapheme
    /// segmentation, and no substrings whose UTF-8-view indices later take slow paths (measured:
    /// decoding a 2.4 KiB JWS segment went from 35 µs as such a substring to 5 µs as a string).
    package func splitting(atASCII separator: UInt8) -> [String] {
        precondition(separator < 0x80, "the separator must be ASCII")
        let bytes = Array(String(self).utf8)
        var parts: [String] = []
        var start = 0
        for index in bytes.indices where bytes[index] == separator {
            parts.append(String(decoding: bytes[start..<index], as: UTF8.self))
            start = index + 1
        }
        parts.append(String(decoding: bytes[start...], as: UTF8.self))
        return parts
    }
}
