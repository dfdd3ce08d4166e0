import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

/// Client → local TSA → verified token, and DER round trips of requests, responses and tokens.
@Suite struct TimestampRoundTripTests {
    @Test(arguments: [TestPKI.Algorithm.p256, .rsa, .p384])
    func clientObtainsAVerifiedToken(_ algorithm: TestPKI.Algorithm) async throws {
        let fixture = try TimeStampFixture(algorithm)
        let token = try await fixture.client().timestamp(data: TimeStampFixture.data)
        #expect(token.generationTime == TestPKI.referenceDate)
        #expect(token.hashAlgorithm == .sha256)
        #expect(token.hashAlgorithmOID == "2.16.840.1.101.3.4.2.1")
        #expect(token.messageImprint == HashAlgorithm.sha256.hash(TimeStampFixture.data))
        #expect(token.policyOID == LocalTimeStampAuthority.testPolicyOID)
        #expect(token.accuracy == 1)
        #expect(token.nonce?.count == 8)
        #expect(token.serialNumber.count == 32)
        #expect(token.tsaCertificate == fixture.tsa.certificate)
        #expect(token.certificates.contains(fixture.pki.intermediate.certificate))

        let verification = token.verify(
            digest: HashAlgorithm.sha256.hash(TimeStampFixture.data), hashAlgorithm: .sha256,
            trustAnchors: [fixture.root])
        #expect(verification.isValid)
        #expect(verification.failure == nil)
        #expect(verification.chain == [fixture.tsa.certificate, fixture.pki.intermediate.certificate, fixture.root])
        #expect(try TimeStampToken(derRepresentation: token.derRepresentation) == token)
    }

    @Test(arguments: HashAlgorithm.allCases)
    func everyImprintAlgorithmIsServed(_ algorithm: HashAlgorithm) async throws {
        let fixture = try TimeStampFixture()
        let token = try await fixture.client(hashAlgorithm: algorithm).timestamp(data: TimeStampFixture.data)
        #expect(token.hashAlgorithm == algorithm)
        #expect(token.messageImprint == algorithm.hash(TimeStampFixture.data))
    }

    @Test func generationTimeFollowsTheInjectedClock() async throws {
        let fixture = try TimeStampFixture()
        fixture.clock.advance(by: 12_345.5)
        let token = try await fixture.client().timestamp(data: TimeStampFixture.data)
        // TS_RESP_CTX's default precision is whole seconds.
        #expect(token.generationTime == TestPKI.referenceDate + 12_345)
    }

    @Test func concurrentRequestsShareOneAuthority() async throws {
        let fixture = try TimeStampFixture()
        let client = fixture.client()
        let serials = try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<8 {
                group.addTask { try await client.timestamp(data: TimeStampFixture.data + [UInt8(index)]).serialNumber }
            }
            var collected: Set<String> = []
            for try await serial in group { collected.insert(serial) }
            return collected
        }
        #expect(serials.count == 8)
    }

    @Test func serialNumbersDiffer() throws {
        let fixture = try TimeStampFixture()
        let first = try fixture.token(for: TimeStampFixture.data)
        let second = try fixture.token(for: TimeStampFixture.data)
        #expect(first.serialNumber != second.serialNumber)
    }

    @Test func tokenWithoutCertificateVerifiesWithTheCertificateSupplied() throws {
        let fixture = try TimeStampFixture()
        let token = try fixture.token(for: TimeStampFixture.data, requestCertificate: false)
        #expect(token.certificates.isEmpty)
        #expect(token.tsaCertificate == nil)
        let digest = HashAlgorithm.sha256.hash(TimeStampFixture.data)
        #expect(
            token.verify(digest: digest, hashAlgorithm: .sha256, trustAnchors: [fixture.root]).failure
                == .noTSACertificate)
        let verification = token.verify(
            digest: digest, hashAlgorithm: .sha256, trustAnchors: [fixture.root],
            intermediates: [fixture.tsa.certificate, fixture.pki.intermediate.certificate])
        #expect(verification.isValid)
    }

    @Test func requestRoundTrip() throws {
        let digest = HashAlgorithm.sha384.hash(TimeStampFixture.data)
        let request = try TimeStampRequest(
            digest: digest, hashAlgorithm: .sha384, nonce: [0, 0, 1, 2, 3], requestCertificate: false,
            policyOID: "1.2.3.4.5")
        #expect(request.nonce == [1, 2, 3])  // an INTEGER has no leading zero bytes
        let parsed = try TimeStampRequest(derRepresentation: request.derRepresentation)
        #expect(parsed == request)
        #expect(parsed.digest == digest)
        #expect(parsed.hashAlgorithm == .sha384)
        #expect(parsed.requestCertificate == false)
        #expect(parsed.policyOID == "1.2.3.4.5")

        let minimal = try TimeStampRequest(
            digest: HashAlgorithm.sm3.hash(TimeStampFixture.data), hashAlgorithm: .sm3, nonce: nil)
        let reparsed = try TimeStampRequest(derRepresentation: minimal.derRepresentation)
        #expect(reparsed == minimal)
        #expect(reparsed.nonce == nil)
        #expect(reparsed.requestCertificate)
        #expect(reparsed.policyOID == nil)
    }

    @Test func defaultRequestHasAFreshEightByteNonce() throws {
        let first = try TimeStampRequest.forData(TimeStampFixture.data)
        let second = try TimeStampRequest.forData(TimeStampFixture.data)
        #expect(first.nonce?.count == 8)
        #expect(first.nonce != second.nonce)
        #expect(first.requestCertificate)
        #expect(first.hashAlgorithm == .sha256)
    }

    @Test func invalidRequestParametersAreRefused() {
        let digest = HashAlgorithm.sha256.hash(TimeStampFixture.data)
        #expect(
            timeStampError { _ = try TimeStampRequest(digest: digest, hashAlgorithm: .sha512) }?.code
                == "crypto.tsp.invalid_request")
        #expect(
            timeStampError { _ = try TimeStampRequest(digest: digest, hashAlgorithm: .sha256, nonce: []) }?.code
                == "crypto.tsp.invalid_request")
        #expect(
            timeStampError {
                _ = try TimeStampRequest(digest: digest, hashAlgorithm: .sha256, nonce: Array(repeating: 1, count: 65))
            }?.code == "crypto.tsp.invalid_request")
        #expect(
            timeStampError {
                _ = try TimeStampRequest(digest: digest, hashAlgorithm: .sha256, policyOID: "not an oid")
            }?.code == "crypto.tsp.invalid_request")
    }

    @Test func responseRoundTrip() throws {
        let fixture = try TimeStampFixture()
        let request = try TimeStampRequest.forData(TimeStampFixture.data)
        let der = try fixture.tsa.authority.respond(to: request.derRepresentation)
        let response = try TimeStampResponse(derRepresentation: der)
        #expect(response.status == .granted)
        #expect(response.failureInfo.isEmpty)
        let token = try #require(response.token)
        #expect(token.nonce == request.nonce)
        let again = try TimeStampResponse(derRepresentation: response.derRepresentation)
        #expect(again == response)
        #expect(again.token == token)
    }
}
