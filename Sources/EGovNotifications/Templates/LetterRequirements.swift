/// What a letter variant needs besides its text, checked by the dispatcher before printing.
public struct LetterRequirements: Sendable, Hashable, Codable {
    /// Whether the recipient's postal address must be known to print the letter.
    public var requiresPostalAddress: Bool
    /// Whether the letter must carry a case or file reference number.
    public var requiresReference: Bool

    /// Creates letter requirements; by default an address is needed and a reference is not.
    public init(requiresPostalAddress: Bool = true, requiresReference: Bool = false) {
        self.requiresPostalAddress = requiresPostalAddress
        self.requiresReference = requiresReference
    }
}
