import EGovCrypto

/// Which signing certificates belong to which X-Road member — the binding X-Road keeps in its
/// global configuration.
///
/// A valid chain only proves that a trusted CA certified the signer; the directory proves that
/// the signer is the member the message claims to come from, so one department cannot sign in
/// another's name.
public protocol MemberDirectory: Sendable {
    /// Whether `certificate` may sign for `member` (subsystems are ignored: members sign).
    func isSigningCertificate(_ certificate: Certificate, of member: XRoadClientID) async throws -> Bool
}

/// A ``MemberDirectory`` over a fixed map of member to signing certificates (matched by their
/// SHA-256 fingerprint).
public struct StaticMemberDirectory: MemberDirectory {
    private let fingerprints: [XRoadClientID: Set<[UInt8]>]

    /// Creates a directory; subsystems in the keys are dropped.
    public init(_ bindings: [XRoadClientID: [Certificate]]) {
        var map: [XRoadClientID: Set<[UInt8]>] = [:]
        for (member, certificates) in bindings {
            map[member.member, default: []].formUnion(certificates.map { $0.fingerprint(.sha256) })
        }
        fingerprints = map
    }

    public func isSigningCertificate(_ certificate: Certificate, of member: XRoadClientID) async throws -> Bool {
        fingerprints[member.member]?.contains(certificate.fingerprint(.sha256)) ?? false
    }
}
