import EGovCore
import Foundation

/// Where and when an ``Organisation`` was registered.
///
/// ``description`` omits the registration number.
public struct RegistrationDetails: Hashable, Codable, Sendable, CustomStringConvertible {
    /// The register, e.g. `mo-commercial-registry` or `mo-dsi-associations`.
    public var registry: String
    /// The number in that register.
    public var registrationNumber: String
    /// The date of registration, if known.
    public var registeredAt: Date?

    /// Creates registration details.
    public init(registry: String, registrationNumber: String, registeredAt: Date? = nil) {
        self.registry = registry
        self.registrationNumber = registrationNumber
        self.registeredAt = registeredAt
    }

    /// The register only.
    public var description: String { "RegistrationDetails(registry: \(registry))" }
}
