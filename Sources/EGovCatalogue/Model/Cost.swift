import EGovCore

/// A fee payable for a service (CPSV-AP `Cost`).
public struct Cost: Sendable, Hashable, Codable {
    /// The amount, in `currency` units (e.g. `120.0`).
    public var value: Double
    /// The ISO 4217 currency code, e.g. `MOP`.
    public var currency: String
    /// What the fee is for, in each language.
    public var description: LocalizedText
    /// The channel the fee applies to (CPSV-AP `ifAccessedThrough`), or `nil` for every channel.
    public var channel: Channel.Kind?

    /// Creates a cost.
    public init(
        value: Double, currency: String = "MOP", description: LocalizedText = LocalizedText(),
        channel: Channel.Kind? = nil
    ) {
        self.value = value
        self.currency = currency
        self.description = description
        self.channel = channel
    }
}
