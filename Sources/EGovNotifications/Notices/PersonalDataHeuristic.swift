/// A heuristic that refuses notice references that look like personal data.
///
/// References travel into logs, transport metadata and evidence, so they must not carry identity
/// numbers. The heuristic refuses a reference that contains:
/// - 8 or more consecutive ASCII digits (covers PRC resident identity numbers, which are 17
///   digits and a check digit or `X`, social security numbers written without separators, phone
///   numbers and account numbers);
/// - 6 or more consecutive digits followed by a parenthesised check character, e.g.
///   `1234567(8)` (Macao) or `A123456(7)` (Hong Kong);
/// - an 18-character PRC identity number shape: 17 digits followed by `X` or `x` (already covered
///   by the digit-run rule, kept explicit for clarity).
///
/// It is a heuristic: it cannot recognise names, or numbers split by separators
/// (`123 456 789`), and it refuses harmless long digit runs. Departments should use opaque case
/// references (e.g. `TAX-2026-00042`).
public enum PersonalDataHeuristic {
    /// The longest permitted run of consecutive digits.
    public static let maximumDigitRun = 7

    /// Whether `reference` looks like personal data under the rules above.
    public static func looksLikePersonalData(_ reference: String) -> Bool {
        var reference = reference
        return reference.withUTF8(scan)
    }

    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var run = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if isDigit(byte) {
                run += 1
                if run > maximumDigitRun { return true }
            } else {
                if run >= 6, byte == UInt8(ascii: "("), index + 2 < bytes.count,
                    isDigit(bytes[index + 1]) || bytes[index + 1] == UInt8(ascii: "A")
                        || bytes[index + 1] == UInt8(ascii: "a"),
                    bytes[index + 2] == UInt8(ascii: ")")
                {
                    return true
                }
                run = 0
            }
            index += 1
        }
        return false
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }
}
