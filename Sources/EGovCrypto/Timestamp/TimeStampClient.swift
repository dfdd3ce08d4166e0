import EGovCore
import Foundation

/// Obtains and verifies RFC 3161 time-stamp tokens through a ``TimeStampTransport``.
///
/// For each call the client builds a request with a fresh 8-byte nonce and `certReq` set, sends
/// it, and accepts the answer only if all of these hold (each failure is a typed
/// ``TimeStampError``):
/// - the response parses (``TimeStampError/malformed(_:)``, ``TimeStampError/inputTooLarge(what:limit:)``);
/// - its status is granted or grantedWithModifications (``TimeStampError/rejected(status:failureInfo:)``);
/// - the token covers the request's imprint and nonce, is signed by a certificate that chains
///   to ``trustAnchors`` with purpose ``CertificatePurpose/timestamping`` at the clock's current
///   time (``TimeStampError/verificationFailed(_:)``);
/// - its `genTime` lies within ``maximumClockDifference`` of the clock
///   (``TimeStampError/generationTimeOutOfRange(difference:allowed:)``).
///
/// Errors thrown by the transport are rethrown unchanged (including cancellation).
public struct TimeStampClient: Sendable {
    /// The transport to the authority.
    public let transport: any TimeStampTransport
    /// Trusted roots for the TSA certificate.
    public let trustAnchors: [Certificate]
    /// Extra untrusted certificates for building the TSA chain.
    public let intermediates: [Certificate]
    /// The imprint algorithm.
    public let hashAlgorithm: HashAlgorithm
    /// The clock that `genTime` is compared with and the chain is validated at.
    public let clock: any WallClock
    /// The largest accepted difference between `genTime` and the clock, in seconds.
    public let maximumClockDifference: TimeInterval
    /// The chain validator.
    public let validator: CertificateChainValidator

    /// Creates a client.
    public init(
        transport: any TimeStampTransport, trustAnchors: [Certificate], intermediates: [Certificate] = [],
        hashAlgorithm: HashAlgorithm = .sha256, clock: any WallClock, maximumClockDifference: TimeInterval = 300,
        validator: CertificateChainValidator = .init()
    ) {
        self.transport = transport
        self.trustAnchors = trustAnchors
        self.intermediates = intermediates
        self.hashAlgorithm = hashAlgorithm
        self.clock = clock
        self.maximumClockDifference = maximumClockDifference
        self.validator = validator
    }

    /// Time-stamps `data` (hashed with ``hashAlgorithm``).
    public func timestamp(data: some DataProtocol) async throws -> TimeStampToken {
        try await timestamp(digest: hashAlgorithm.hash(data))
    }

    /// Time-stamps a digest computed with ``hashAlgorithm``.
    ///
    /// - Throws: ``TimeStampError`` as described in the type documentation, or the transport's
    ///   error.
    public func timestamp(digest: [UInt8]) async throws -> TimeStampToken {
        let request = try TimeStampRequest(digest: digest, hashAlgorithm: hashAlgorithm)
        let answer = try await transport.send(request.derRepresentation)
        return try accept(answer, for: request)
    }

    /// Checks a DER response against `request` (everything after the transport).
    public func accept(_ responseDER: [UInt8], for request: TimeStampRequest) throws(TimeStampError) -> TimeStampToken {
        let response = try TimeStampResponse(derRepresentation: responseDER)
        guard response.status.isGranted, let token = response.token else {
            throw .rejected(status: response.status, failureInfo: response.failureInfo)
        }
        let now = clock.now()
        let verification = token.verify(
            digest: request.digest, hashAlgorithm: request.hashAlgorithm, expectedNonce: request.nonce,
            trustAnchors: trustAnchors, intermediates: intermediates, at: now, validator: validator)
        if let failure = verification.failure { throw .verificationFailed(failure) }
        if let policy = request.policyOID, policy != token.policyOID {
            throw .verificationFailed(.malformed("the token's policy is not the requested one"))
        }
        let difference = token.generationTime.timeIntervalSince(now)
        guard abs(difference) <= maximumClockDifference else {
            throw .generationTimeOutOfRange(difference: difference, allowed: maximumClockDifference)
        }
        return token
    }
}
