import EGovCore

/// Check character systems of ISO/IEC 7064:2003 (identical national adoption: GB/T 17710-2008)
/// used by the built-in schemes.
///
/// - MOD 11-2 (pure system, modulus 11, radix 2, check character `0`–`9` or `X`): the check of
///   the PRC resident identity number (GB 11643-1999) and of ORCID iDs.
/// - MOD 37,36 (hybrid system, M = 36, M + 1 = 37, alphabet `0`–`9` `A`–`Z`): the check of
///   electronic licence identifiers (GB/T 36904-2018).
///
/// Known answers from the standard's worked examples (as reproduced in the doctests of the
/// python-stdnum `stdnum.iso7064` modules): MOD 11-2 `0794` → `0`, `079` → `X`;
/// MOD 37,36 `A12425GABC1234002` → `M`. These are asserted in `ISO7064Tests`.
///
/// Only uppercase ASCII is accepted: any other character makes the functions return `nil` /
/// `false`.
public enum ISO7064 {
    /// The alphanumeric alphabet of MOD 37,36: `0`–`9` have values 0–9, `A`–`Z` 10–35.
    public static let alphanumericAlphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ")

    /// Computes the MOD 11-2 check character (`0`–`9` or `X`) of a string of ASCII digits.
    ///
    /// Returns `nil` if `digits` is empty or contains anything but `0`–`9`.
    public static func mod11_2CheckCharacter(for digits: some StringProtocol) -> Character? {
        guard !digits.isEmpty else { return nil }
        var p = 0
        for character in digits {
            guard let value = character.wholeNumberValue, character.isASCII else { return nil }
            p = ((p + value) * 2) % 11
        }
        let check = (12 - p) % 11
        return check == 10 ? "X" : Character(String(check))
    }

    /// Whether `value` (digits followed by a MOD 11-2 check character) is valid.
    public static func isValidMod11_2(_ value: some StringProtocol) -> Bool {
        guard value.count >= 2, let last = value.last else { return false }
        return mod11_2CheckCharacter(for: value.dropLast()) == last
    }

    /// Computes the MOD 37,36 hybrid check character of a string over `0`–`9` `A`–`Z`.
    ///
    /// Hybrid system per ISO/IEC 7064 clause 10: starting with P = M, for each character
    /// S = (P + value) mod M (with 0 replaced by M), P = 2·S mod (M + 1); the check character
    /// is the one whose value makes (P + value) mod M = 1.
    /// Returns `nil` if `value` is empty or contains another character.
    public static func mod37_36CheckCharacter(for value: some StringProtocol) -> Character? {
        guard !value.isEmpty, let p = mod37_36Residue(of: value) else { return nil }
        let check = (36 + 1 - p) % 36
        return alphanumericAlphabet[check]
    }

    /// Whether `value` (characters followed by a MOD 37,36 check character) is valid.
    public static func isValidMod37_36(_ value: some StringProtocol) -> Bool {
        guard value.count >= 2, let last = value.last else { return false }
        return mod37_36CheckCharacter(for: value.dropLast()) == last
    }

    /// The value (0–35) of an uppercase ASCII alphanumeric character, or `nil`.
    static func alphanumericValue(_ character: Character) -> Int? {
        guard let ascii = character.asciiValue else { return nil }
        switch ascii {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return Int(ascii - UInt8(ascii: "0"))
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return Int(ascii - UInt8(ascii: "A")) + 10
        default: return nil
        }
    }

    private static func mod37_36Residue(of value: some StringProtocol) -> Int? {
        let modulus = 36
        var p = modulus
        for character in value {
            guard let v = alphanumericValue(character) else { return nil }
            var s = (p + v) % modulus
            if s == 0 { s = modulus }
            p = (s * 2) % (modulus + 1)
        }
        return p
    }
}
