import EGovCore
import EGovCrypto
import EGovTesting
import Foundation
import Testing

/// Tampered tokens, unsuitable TSA certificates, rejections and clock checks: each a typed result.
@Suite struct TimestampVerificationTests {
    static let digest = HashAlgorithm.sha256.hash(TimeStampFixture.data)

    @Test func imprintMismatch() throws {
        let fixture = try TimeStampFixture()
        let token = try fixture.token(for: TimeStampFixture.data)
        let other = HashAlgorithm.sha256.hash(Array("another document".utf8))
        let verification = token.verify(digest: other, hashAlgorithm: .sha256, trustAnchors: [fixture.root])
        #expect(verification.failure == .imprintMismatch)
        #expect(!verification.isValid)
        #expect(!verification.isIndeterminate)
        #expect(verification.failure?.code == "crypto.tsp.imprint_mismatch")
    }

    @Test func hashAlgorithmMismatch() throws {
        let fixture = try TimeStampFixture()
        let token = try fixture.token(for: TimeStampFixture.data)
        let sm3 = HashAlgorithm.sm3.hash(TimeStampFixture.data)
        #expect(
            token.verify(digest: sm3, hashAlgorithm: .sm3, trustAnchors: [fixture.root]).failure
                == .hashAlgorithmMismatch)
    }

    @Test func nonceMismatch() throws {
        let fixture = try TimeStampFixture()
        let token = try fixture.token(for: TimeStampFixture.data, nonce: [1, 2, 3, 4, 5, 6, 7, 8])
        #expect(
            token.verify(
                digest: Self.digest, hashAlgorithm: .sha256, expectedNonce: [0, 1, 2, 3, 4, 5, 6, 7, 8],
                trustAnchors: [fixture.root]
            ).isValid)
        #expect(
            token.verify(
                digest: Self.digest, hashAlgorithm: .sha256, expectedNonce: [1, 2, 3, 4, 5, 6, 7, 9],
                trustAnchors: [fixture.root]
            ).failure == .nonceMismatch)
        let withoutNonce = try fixture.token(for: TimeStampFixture.data, nonce: nil)
        #expect(withoutNonce.nonce == nil)
        #expect(
            withoutNonce.verify(
                digest: Self.digest, hashAlgorithm: .sha256, expectedNonce: [1], trustAnchors: [fixture.root]
            ).failure == .nonceMismatch)
    }

    @Test func clientRefusesAResponseToAnotherNonce() async throws {
        let fixture = try TimeStampFixture()
        // A man in the middle replays the request with a nonce of its own.
        let transport = RewritingTransport(inner: fixture.tsa) { der in
            let original = try TimeStampRequest(derRepresentation: der)
            return try TimeStampRequest(
                digest: original.digest, hashAlgorithm: original.hashAlgorithm, nonce: [7, 7, 7]
            ).derRepresentation
        }
        let error = await timeStampError {
            _ = try await fixture.client(transport: transport).timestamp(data: TimeStampFixture.data)
        }
        #expect(error == .verificationFailed(.nonceMismatch))
        #expect(error?.code == "crypto.tsp.nonce_mismatch")
    }

    @Test(arguments: [TestPKI.Algorithm.p256, .rsa])
    func flippedSignatureByte(_ algorithm: TestPKI.Algorithm) throws {
        let fixture = try TimeStampFixture(algorithm)
        let token = try fixture.token(for: TimeStampFixture.data)
        var der = token.derRepresentation
        der[der.count - 1] ^= 0x01  // the last byte of the SignerInfo's signature
        let tampered = try TimeStampToken(derRepresentation: der)
        #expect(
            tampered.verify(digest: Self.digest, hashAlgorithm: .sha256, trustAnchors: [fixture.root]).failure
                == .signatureInvalid)
    }

    @Test func tokenSignedByAnotherKeyThanItsCertificate() throws {
        // Sign with one TSA, then present a certificate for another key with the same issuer
        // and serial number: the signature (and the ESS binding) must fail.
        let fixture = try TimeStampFixture()
        let token = try fixture.token(for: TimeStampFixture.data, requestCertificate: false)
        let impostor = try fixture.pki.issueCustomLeaf { builder in
            builder.serialNumber = try? TestSupport.hex(fixture.tsa.certificate.serialNumber)
            builder.keyUsage = [.digitalSignature, .nonRepudiation]
            builder.extendedKeyUsage = [ExtendedKeyUsage.timeStamping]
            builder.extendedKeyUsageIsCritical = true
        }
        let verification = token.verify(
            digest: Self.digest, hashAlgorithm: .sha256, trustAnchors: [fixture.root],
            intermediates: [impostor.certificate, fixture.pki.intermediate.certificate])
        #expect(verification.failure == .signatureInvalid)
    }

    @Test func tsaCertificateWithoutTimeStampingEKUIsRejected() throws {
        let fixture = try TimeStampFixture()
        // The same key and serial as the real TSA certificate, but no timeStamping EKU: neither
        // OpenSSL nor EGovKit would issue a token with it, so swap it in at verification time.
        let token = try fixture.token(for: TimeStampFixture.data, requestCertificate: false)
        let tsaKey = fixture.tsa.issued.privateKey.publicKey
        let withoutEKU = try fixture.pki.issueCustomLeaf { builder in
            builder.publicKey = tsaKey
            builder.serialNumber = try? TestSupport.hex(fixture.tsa.certificate.serialNumber)
            builder.keyUsage = [.digitalSignature, .nonRepudiation]
        }
        let verification = token.verify(
            digest: Self.digest, hashAlgorithm: .sha256, trustAnchors: [fixture.root],
            intermediates: [withoutEKU.certificate, fixture.pki.intermediate.certificate])
        guard case .tsaCertificateRejected(.purposeMismatch) = verification.failure else {
            Issue.record(
                "expected tsaCertificateRejected(purposeMismatch), got \(String(describing: verification.failure))")
            return
        }
        #expect(!verification.isIndeterminate)

        // The authority refuses such a certificate up front.
        let error = timeStampError {
            _ = try TimeStampAuthority(
                key: fixture.tsa.issued.privateKey, certificate: withoutEKU.certificate,
                policyOID: LocalTimeStampAuthority.testPolicyOID, clock: fixture.clock)
        }
        #expect(error?.code == "crypto.tsp.invalid_certificate")
    }

    @Test func nonCriticalTimeStampingEKUIsRefusedByTheAuthority() throws {
        let fixture = try TimeStampFixture()
        let leaf = try fixture.pki.issueCustomLeaf { builder in
            builder.keyUsage = [.digitalSignature]
            builder.extendedKeyUsage = [ExtendedKeyUsage.timeStamping]
        }
        let error = timeStampError {
            _ = try TimeStampAuthority(
                key: leaf.privateKey, certificate: leaf.certificate, policyOID: "1.2.3", clock: fixture.clock)
        }
        #expect(error?.code == "crypto.tsp.invalid_certificate")
        let mismatched = timeStampError {
            _ = try TimeStampAuthority(
                key: fixture.pki.leaf.privateKey, certificate: fixture.tsa.certificate, policyOID: "1.2.3",
                clock: fixture.clock)
        }
        #expect(mismatched == .invalidCertificate("the certificate does not belong to the key"))
    }

    @Test func untrustedRoot() throws {
        let fixture = try TimeStampFixture()
        let stranger = try TestPKI()
        let token = try fixture.token(for: TimeStampFixture.data)
        let definite = token.verify(
            digest: Self.digest, hashAlgorithm: .sha256, trustAnchors: [stranger.root.certificate],
            intermediates: [fixture.root])
        #expect(definite.failure == .tsaCertificateRejected(.untrustedRoot))
        #expect(!definite.isIndeterminate)
        let missing = token.verify(
            digest: Self.digest, hashAlgorithm: .sha256, trustAnchors: [stranger.root.certificate])
        #expect(missing.failure == .tsaCertificateRejected(.issuerNotFound))
        #expect(missing.isIndeterminate)
    }

    @Test func expiredTSACertificateAtValidationTime() async throws {
        let fixture = try TimeStampFixture()
        let token = try fixture.token(for: TimeStampFixture.data)
        // Valid at genTime (the default validation time) ...
        #expect(token.verify(digest: Self.digest, hashAlgorithm: .sha256, trustAnchors: [fixture.root]).isValid)
        // ... but the TSA certificate has expired two years later.
        let later = TestPKI.referenceDate + 2 * TestPKI.year
        #expect(
            token.verify(digest: Self.digest, hashAlgorithm: .sha256, trustAnchors: [fixture.root], at: later).failure
                == .tsaCertificateRejected(.expired))

        // A TSA still answering with an expired certificate is refused by the client.
        fixture.clock.set(later)
        let error = await timeStampError { _ = try await fixture.client().timestamp(data: TimeStampFixture.data) }
        #expect(error == .verificationFailed(.tsaCertificateRejected(.expired)))
    }

    @Test func revokedTSACertificate() throws {
        let fixture = try TimeStampFixture()
        let token = try fixture.token(for: TimeStampFixture.data)
        var pki = fixture.pki  // the copy carries the revocation
        pki.revoke(fixture.tsa.certificate.serialNumber)
        let verification = token.verify(
            digest: Self.digest, hashAlgorithm: .sha256, trustAnchors: [fixture.root], crls: [try pki.crl()])
        #expect(verification.failure == .tsaCertificateRejected(.revoked))
    }

    @Test func generationTimeFarFromTheClientClock() async throws {
        let fixture = try TimeStampFixture()
        let clientClock = ManualClock(TestPKI.referenceDate + 301)
        let error = await timeStampError {
            _ = try await fixture.client(clock: clientClock).timestamp(data: TimeStampFixture.data)
        }
        #expect(error?.code == "crypto.tsp.time_out_of_range")
        clientClock.set(TestPKI.referenceDate - 300)
        _ = try await fixture.client(clock: clientClock).timestamp(data: TimeStampFixture.data)
    }

    @Test func rejectedStatusIsATypedError() async throws {
        let fixture = try TimeStampFixture()
        let garbled = RewritingTransport(inner: fixture.tsa) { der in Array(der.dropLast()) }
        let error = await timeStampError {
            _ = try await fixture.client(transport: garbled).timestamp(data: TimeStampFixture.data)
        }
        #expect(error == .rejected(status: .rejection, failureInfo: ["badDataFormat"]))
        #expect(error?.code == "crypto.tsp.rejected")
    }

    @Test func clientRefusesGarbageResponses() async throws {
        let fixture = try TimeStampFixture()
        let garbage = RewritingTransport(
            inner: fixture.tsa, rewriteRequest: { $0 }, rewriteResponse: { _ in [0x30, 0x03, 0x02, 0x01, 0x00] })
        let error = await timeStampError {
            _ = try await fixture.client(transport: garbage).timestamp(data: TimeStampFixture.data)
        }
        #expect(error?.code == "crypto.tsp.malformed")
    }

    @Test func authorityAnswersBadRequestsWithRejections() throws {
        let fixture = try TimeStampFixture()
        let authority = fixture.tsa.authority
        let valid = try TimeStampRequest.forData(TimeStampFixture.data).derRepresentation
        let cases: [(String, [UInt8], String)] = [
            ("garbage", Array("not a request".utf8), "badDataFormat"),
            ("empty", [], "badDataFormat"),
            ("truncated", Array(valid.dropLast(3)), "badDataFormat"),
            ("trailing bytes", valid + [0], "badDataFormat"),
            ("oversized", valid + Array(repeating: 0, count: 64 * 1024), "badDataFormat"),
            (
                "foreign policy",
                try TimeStampRequest(digest: Self.digest, hashAlgorithm: .sha256, policyOID: "1.2.3.4")
                    .derRepresentation,
                "unacceptedPolicy"
            ),
        ]
        for (name, request, failure) in cases {
            let response = try TimeStampResponse(derRepresentation: authority.respond(to: request))
            #expect(response.status == .rejection, "\(name)")
            #expect(response.failureInfo == [failure], "\(name)")
            #expect(response.token == nil, "\(name)")
        }
    }

    @Test func sm2AndEd25519KeysAreRefusedByTheAuthority() throws {
        let pki = try TestPKI(algorithm: .sm2, leafProfile: .timestamping)
        let error = timeStampError {
            _ = try TimeStampAuthority(
                key: pki.leaf.privateKey, certificate: pki.leaf.certificate, policyOID: "1.2.3", clock: ManualClock())
        }
        #expect(error?.code == "crypto.tsp.unsupported_key")
        #expect(error?.reason.contains("SM2") == true)
        #expect(
            timeStampError { _ = try LocalTimeStampAuthority(pki: pki, clock: ManualClock()) }?.code
                == "crypto.tsp.unsupported_key")
    }
}
