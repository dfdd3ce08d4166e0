import EGovCore
import EGovCrypto
import EGovIdentity
import Foundation

/// The seam through which the one-time-certificate flow asks a CA for a short-lived signing
/// certificate. A department plugs in its CA's API (remote), or EGovTesting's local CA in tests.
public protocol CertificateAuthorityHook: Sendable {
    /// Issues a certificate for `request`, returning the leaf followed by any intermediates.
    func issueCertificate(for request: OneTimeCertificateRequest) async throws -> [Certificate]
}

/// What the CA hook is asked to certify.
public struct OneTimeCertificateRequest: Sendable, Hashable {
    /// The person's subject as the CA should write it (e.g. the name on the unified account).
    public var subject: DistinguishedName
    /// The ephemeral public key to certify.
    public var publicKey: PublicKey
    /// The assurance level of the authentication that authorised the request (the CA may refuse
    /// below its own minimum).
    public var assuranceLevel: AssuranceLevel
    /// The authentication methods used (`amr`), for the CA's records.
    public var methods: [AuthenticationMethod]
    /// The validity requested.
    public var notBefore: Date
    /// The end of the validity requested.
    public var notAfter: Date

    /// Creates a request.
    public init(
        subject: DistinguishedName, publicKey: PublicKey, assuranceLevel: AssuranceLevel,
        methods: [AuthenticationMethod], notBefore: Date, notAfter: Date
    ) {
        self.subject = subject
        self.publicKey = publicKey
        self.assuranceLevel = assuranceLevel
        self.methods = methods
        self.notBefore = notBefore
        self.notAfter = notAfter
    }
}
