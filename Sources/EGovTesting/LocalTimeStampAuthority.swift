import EGovCore
import EGovCrypto
import Foundation

/// An in-process RFC 3161 time-stamping authority for tests: a `TimeStampTransport` that
/// answers with a `TimeStampAuthority` backed by a fresh time-stamping leaf of a ``TestPKI``.
///
/// Tokens embed the TSA certificate and the PKI's intermediate (when `certReq` is set), so a
/// client needs only the PKI's root as trust anchor.
public struct LocalTimeStampAuthority: TimeStampTransport {
    /// The test policy OID (2.999 is the ITU-T/ISO example arc).
    public static let testPolicyOID = "2.999.3161.1"

    /// The authority that answers requests.
    public let authority: TimeStampAuthority
    /// The TSA certificate and key.
    public let issued: TestPKI.Issued

    /// The TSA certificate.
    public var certificate: Certificate { issued.certificate }

    /// Issues a time-stamping leaf (profile ``TestPKI/LeafProfile/timestamping``) from `pki`'s
    /// intermediate and serves it. `pki` must use P-256, P-384 or RSA (OpenSSL 3.0 cannot sign
    /// time-stamp tokens with SM2).
    public init(pki: TestPKI, clock: any WallClock, accuracySeconds: Int = 1) throws {
        let issued = try pki.issueLeaf(profile: .timestamping)
        try self.init(
            issued: issued, chain: [pki.intermediate.certificate], clock: clock, accuracySeconds: accuracySeconds)
    }

    /// Serves an already issued TSA certificate and key.
    public init(issued: TestPKI.Issued, chain: [Certificate], clock: any WallClock, accuracySeconds: Int = 1) throws {
        self.issued = issued
        self.authority = try TimeStampAuthority(
            key: issued.privateKey, certificate: issued.certificate, chain: chain, policyOID: Self.testPolicyOID,
            clock: clock, accuracySeconds: accuracySeconds)
    }

    /// Answers `request` with the authority.
    public func send(_ request: [UInt8]) async throws -> [UInt8] {
        try authority.respond(to: request)
    }
}
