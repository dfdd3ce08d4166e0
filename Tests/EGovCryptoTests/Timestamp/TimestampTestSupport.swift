import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

/// A test PKI with a local TSA on a manual clock, and helpers for the time-stamp suites.
struct TimeStampFixture {
    let pki: TestPKI
    let clock: ManualClock
    let tsa: LocalTimeStampAuthority

    init(_ algorithm: TestPKI.Algorithm = .p256, clock: ManualClock = ManualClock()) throws {
        pki = try TestPKI(algorithm: algorithm)
        self.clock = clock
        tsa = try LocalTimeStampAuthority(pki: pki, clock: clock)
    }

    var root: Certificate { pki.root.certificate }

    func client(
        transport: (any TimeStampTransport)? = nil, clock: (any WallClock)? = nil,
        hashAlgorithm: HashAlgorithm = .sha256
    ) -> TimeStampClient {
        TimeStampClient(
            transport: transport ?? tsa, trustAnchors: [root], hashAlgorithm: hashAlgorithm,
            clock: clock ?? self.clock)
    }

    /// A granted token for `data` (SHA-256), straight from the authority.
    func token(
        for data: [UInt8], nonce: [UInt8]? = [1, 2, 3, 4, 5, 6, 7, 8], requestCertificate: Bool = true
    ) throws -> TimeStampToken {
        let request = try TimeStampRequest(
            digest: HashAlgorithm.sha256.hash(data), hashAlgorithm: .sha256, nonce: nonce,
            requestCertificate: requestCertificate)
        let response = try TimeStampResponse(derRepresentation: tsa.authority.respond(to: request.derRepresentation))
        return try #require(response.token)
    }

    static let data = Array("EGovKit time-stamp test document\n".utf8)
}

/// A transport that rewrites the request (or the response) before passing it on.
struct RewritingTransport: TimeStampTransport {
    let inner: any TimeStampTransport
    let rewriteRequest: @Sendable ([UInt8]) throws -> [UInt8]
    var rewriteResponse: @Sendable ([UInt8]) throws -> [UInt8] = { $0 }

    func send(_ request: [UInt8]) async throws -> [UInt8] {
        try rewriteResponse(try await inner.send(try rewriteRequest(request)))
    }
}

/// The `TimeStampError` thrown by `body`, or `nil`.
func timeStampError(_ body: () throws -> Void) -> TimeStampError? {
    do {
        try body()
        return nil
    } catch let error as TimeStampError {
        return error
    } catch {
        return nil
    }
}

/// The `TimeStampError` thrown by an async `body`, or `nil`.
func timeStampError(_ body: () async throws -> Void) async -> TimeStampError? {
    do {
        try await body()
        return nil
    } catch let error as TimeStampError {
        return error
    } catch {
        return nil
    }
}
