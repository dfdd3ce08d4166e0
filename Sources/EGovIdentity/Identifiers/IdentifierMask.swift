import EGovCore

/// Masks identifier values for display so that they can be recognised by their owner without
/// being disclosed in full.
public enum IdentifierMask {
    /// The character that replaces hidden characters.
    public static let maskCharacter: Character = "*"

    /// Keeps `first` leading and `last` trailing characters of `value` and replaces every other
    /// character with ``maskCharacter``.
    ///
    /// If the value is too short for at least half of it to stay hidden, every character is
    /// masked, so that short values are never revealed almost completely.
    public static func mask(_ value: String, keepingFirst first: Int, last: Int) -> String {
        let characters = Array(value)
        let keepFirst = max(0, first)
        let keepLast = max(0, last)
        guard characters.count >= 2 * (keepFirst + keepLast) else {
            return String(repeating: maskCharacter, count: characters.count)
        }
        let hidden = characters.count - keepFirst - keepLast
        return String(characters.prefix(keepFirst)) + String(repeating: maskCharacter, count: hidden)
            + String(characters.suffix(keepLast))
    }
}
