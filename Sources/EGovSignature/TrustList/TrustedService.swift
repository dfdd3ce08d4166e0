import EGovCore
import EGovCrypto
import Foundation

/// One trust-service entry of a ``TrustList``: a CA (or TSA) certificate with what it is trusted
/// for, whether it is qualified, and its status history.
public struct TrustedService: Sendable, Hashable {
    /// What the service issues.
    public enum ServiceType: String, Sendable, Hashable, Codable, CaseIterable {
        /// Certificates for natural persons' signatures.
        case signing
        /// Certificates for organisations' seals.
        case seal
        /// Time-stamp tokens.
        case timestamping
    }

    /// A status and when it took effect (ETSI TS 119 612 style: granted / withdrawn).
    public struct StatusChange: Sendable, Hashable, Codable {
        /// The status.
        public var status: Status
        /// When it took effect.
        public var from: Date

        /// Creates a status change.
        public init(status: Status, from: Date) {
            self.status = status
            self.from = from
        }
    }

    /// Service statuses.
    public enum Status: String, Sendable, Hashable, Codable {
        /// Trusted (for qualified services: qualified status granted).
        case granted
        /// No longer trusted from this date on.
        case withdrawn
    }

    /// The service's name.
    public var name: LocalizedText
    /// What it issues.
    public var type: ServiceType
    /// Whether it is a qualified trust service for `type`.
    public var isQualified: Bool
    /// The service's certificates (a CA certificate, root or issuing; or a TSA certificate).
    public var certificates: [Certificate]
    /// Status changes in time order.
    public var history: [StatusChange]

    /// Creates a service entry.
    public init(
        name: LocalizedText, type: ServiceType, isQualified: Bool, certificates: [Certificate],
        history: [StatusChange]
    ) {
        self.name = name
        self.type = type
        self.isQualified = isQualified
        self.certificates = certificates
        self.history = history.sorted { $0.from < $1.from }
    }

    /// The status in force at `time`, or `nil` before the first entry.
    public func status(at time: Date) -> Status? {
        history.last { $0.from <= time }?.status
    }

    /// Whether the service was trusted (granted) at `time`.
    public func isGranted(at time: Date) -> Bool { status(at: time) == .granted }

    /// Whether `certificate` is one of this service's certificates.
    public func contains(_ certificate: Certificate) -> Bool { certificates.contains(certificate) }
}
