import EGovCore
import Foundation

/// One successful authentication step, as recorded by the login service.
public struct AuthenticationEvent: Sendable, Hashable, Codable {
    /// The method used.
    public var method: AuthenticationMethod
    /// When the step succeeded.
    public var time: Date
    /// Who vouches for it (e.g. the face-match provider or the counter officer's ID).
    public var attestedBy: String?
    /// Face match only: the provider's similarity score in 0...1.
    public var matchScore: Double?
    /// Face match only: whether the provider performed liveness (presentation-attack) detection.
    public var livenessChecked: Bool?
    /// Certificate login only: the SHA-256 fingerprint (hex) of the certificate used.
    public var certificateFingerprint: String?

    /// Creates an event.
    public init(
        method: AuthenticationMethod, time: Date, attestedBy: String? = nil, matchScore: Double? = nil,
        livenessChecked: Bool? = nil, certificateFingerprint: String? = nil
    ) {
        self.method = method
        self.time = time
        self.attestedBy = attestedBy
        self.matchScore = matchScore
        self.livenessChecked = livenessChecked
        self.certificateFingerprint = certificateFingerprint
    }
}
