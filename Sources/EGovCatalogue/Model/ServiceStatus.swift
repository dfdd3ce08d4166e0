/// Whether a service is currently offered (CPSV-AP `status`).
public enum ServiceStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// The service is offered.
    case active
    /// The service is temporarily not offered.
    case suspended
    /// The service has been withdrawn.
    case withdrawn
}
