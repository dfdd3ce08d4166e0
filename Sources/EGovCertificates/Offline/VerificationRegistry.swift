import EGovCore
import Foundation

/// What a counter officer learns when a verification code resolves: enough to check the
/// credential against the person in front of them, nothing more.
public struct VerificationRecord: Sendable, Hashable, Codable {
    /// The credential type (`vct`).
    public var credentialType: String
    /// The issuing department (`iss`).
    public var issuer: String
    /// Display name of the credential.
    public var title: LocalizedText
    /// The claims the issuer chose to show for counter checks (e.g. licence number, holder name).
    public var shownClaims: [String: String]
    /// Validity.
    public var validFrom: Date
    /// End of validity.
    public var validUntil: Date?
    /// Where the credential's status is published, if anywhere (`uri`, `idx`).
    public var statusURI: String?
    /// The status index.
    public var statusIndex: Int?

    /// Creates a record.
    public init(
        credentialType: String, issuer: String, title: LocalizedText, shownClaims: [String: String], validFrom: Date,
        validUntil: Date?, statusURI: String? = nil, statusIndex: Int? = nil
    ) {
        self.credentialType = credentialType
        self.issuer = issuer
        self.title = title
        self.shownClaims = shownClaims
        self.validFrom = validFrom
        self.validUntil = validUntil
        self.statusURI = statusURI
        self.statusIndex = statusIndex
    }
}

/// The seam through which verification codes are resolved: an issuer's service in production, an
/// in-memory registry in tests and demos.
public protocol VerificationRegistry: Sendable {
    /// Stores `record` under `code`.
    func register(_ code: VerificationCode, record: VerificationRecord) async throws
    /// The record for `code`, or `nil` if none.
    func resolve(_ code: VerificationCode) async throws -> VerificationRecord?
}

/// An in-memory ``VerificationRegistry`` keyed by ``VerificationCode/lookupKey``.
public actor InMemoryVerificationRegistry: VerificationRegistry {
    private var records: [String: VerificationRecord] = [:]

    /// Creates an empty registry.
    public init() {}

    public func register(_ code: VerificationCode, record: VerificationRecord) async throws {
        records[code.lookupKey] = record
    }

    public func resolve(_ code: VerificationCode) async throws -> VerificationRecord? {
        records[code.lookupKey]
    }
}
