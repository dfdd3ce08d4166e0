import EGovCore
import EGovCrypto
import EGovIdentity
import EGovHTTPClient
import EGovInterop
import EGovTesting
import Foundation
import Testing

/// Consumer ↔ provider over a real HTTP server on 127.0.0.1 (NIOHTTP1 + AsyncHTTPClient).
@Suite("Interop over loopback HTTP")
struct InteropHTTPRoundTripTests {
    /// Runs `body` with a fresh fixture and stops its server afterwards.
    func withFixture(
        pki: TestPKI? = nil, consumer: TestPKI.Issued? = nil, crls: [CertificateRevocationList] = [],
        dataSource: any InteropDataSource = InteropFixture.RegistrySource(),
        _ body: (InteropFixture) async throws -> Void
    ) async throws {
        let fixture = try await InteropFixture(pki: pki, consumerCertificate: consumer, crls: crls, dataSource: dataSource)
        do {
            try await body(fixture)
        } catch {
            await fixture.stop()
            throw error
        }
        await fixture.stop()
    }

    func expectFault(_ code: InteropError.Code, _ operation: () async throws -> Void) async {
        do {
            try await operation()
            Issue.record("expected \(code.rawValue), got success")
        } catch let error as InteropError {
            #expect(error.failure == code, "\(error)")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("success: signed request, verified response, only the purpose's fields")
    func success() async throws {
        try await withFixture { fixture in
            let result = try await fixture.client().request(try InteropFixture.query())
            #expect(result.response.outcome == .success)
            #expect(Set(result.response.data.keys) == ["registrationNumber", "name", "legalForm", "status"])
            #expect(result.response.data["registrationNumber"] == .string("SO-12345"))
            #expect(result.response.omittedFields.isEmpty)
            #expect(result.signer == fixture.provider.certificate)
            #expect(result.response.requestID == result.request.messageID)
            let entries = try await fixture.auditLog.entries(from: 0, limit: 10)
            #expect(entries.contains { $0.event.action == "interop.request.served" })
        }
    }

    @Test("request body tampered in flight: the provider refuses the signature (401, client fault)")
    func requestTampered() async throws {
        try await withFixture { fixture in
            let client = try fixture.client(transport: ProxyTransport(fixture.httpTransport, request: flipPayloadBit))
            await expectFault(.signatureInvalid) {
                _ = try await client.request(try Self.query())
            }
        }
    }

    @Test("response body tampered in flight: the consumer refuses it (transport fault)")
    func responseTampered() async throws {
        try await withFixture { fixture in
            let client = try fixture.client(transport: ProxyTransport(fixture.httpTransport, response: flipPayloadBit))
            do {
                _ = try await client.request(try Self.query())
                Issue.record("a tampered response was accepted")
            } catch let error as InteropError {
                #expect(error.failure == .responseInvalid)
                #expect(error.fault == .transport)
                #expect(error.reason.contains("interop.signature_invalid"))
            }
        }
    }

    @Test("response swapped to another request: request hash mismatch")
    func responseSwapped() async throws {
        try await withFixture { fixture in
            let client = try fixture.client(transport: SwappingTransport(fixture.httpTransport))
            _ = try await client.request(try Self.query())
            await expectFault(.requestHashMismatch) {
                _ = try await client.request(try Self.query())
            }
        }
    }

    @Test("replayed request: the second delivery of the same envelope is refused (409)")
    func replayed() async throws {
        try await withFixture { fixture in
            let client = try fixture.client()
            let prepared = try await client.prepare(try InteropFixture.query())
            _ = try await client.send(prepared)
            await expectFault(.replayed) { _ = try await client.send(prepared) }
            let (head, _) = try await fixture.httpTransport.send(prepared.head, body: prepared.body)
            #expect(head.status.code == 409)
            #expect(head.headerFields[InteropHTTP.errorHeader] == "client.interop.replayed")
        }
    }

    @Test("a message dated beyond the clock skew or older than the window is refused")
    func stale() async throws {
        try await withFixture { fixture in
            let client = try fixture.client()
            let prepared = try await client.prepare(try InteropFixture.query())
            fixture.clock.advance(by: 3600)
            await expectFault(.stale) { _ = try await client.send(prepared) }
        }
    }

    @Test("consumer not listed in the contract (403)")
    func consumerNotAllowed() async throws {
        try await withFixture { fixture in
            let client = try fixture.client(as: try InteropFixture.outsiderID())
            await expectFault(.consumerNotAllowed) {
                _ = try await client.request(try Self.query())
            }
        }
    }

    @Test("a valid certificate that is not registered for the claimed member (401)")
    func signerNotBound() async throws {
        try await withFixture { fixture in
            let client = try fixture.client(as: try XRoadClientID(parsing: "MO/GOV/DSF/tax"))
            await expectFault(.signerNotBound) { _ = try await client.request(try Self.query()) }
        }
    }

    @Test("purpose not in the contract, or the wrong legal basis (403)")
    func purposeNotAllowed() async throws {
        try await withFixture { fixture in
            let client = try fixture.client()
            await expectFault(.purposeNotAllowed) {
                _ = try await client.request(try Self.query(purpose: "marketing"))
            }
            await expectFault(.purposeNotAllowed) {
                _ = try await client.request(try Self.query(legalBasis: "some other law"))
            }
        }
    }

    @Test("consent missing, then granted: refused, then served with the consented fields")
    func consent() async throws {
        try await withFixture { fixture in
            let client = try fixture.client()
            let query = try Self.query(
                purpose: "director-check", legalBasis: InteropFixture.directorBasis, subject: "acct-7f3a")
            await expectFault(.consentMissing) { _ = try await client.request(query) }
            await expectFault(.consentMissing) {
                _ = try await client.request(
                    try Self.query(purpose: "director-check", legalBasis: InteropFixture.directorBasis))
            }
            _ = try await fixture.consent.grant(
                personAccountID: "acct-7f3a", requester: "MO/GOV/IAM", provider: "MO/GOV/DSAJ",
                dataCategories: ["company-directors"], purpose: "director-check", until: InteropFixture.now + 86_400)
            let result = try await client.request(query)
            #expect(Set(result.response.data.keys) == ["registrationNumber", "name", "directors"])
        }
    }

    @Test("expired consumer certificate: refused at the message time (401)")
    func expiredCertificate() async throws {
        let pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let expired = try pki.issueLeaf(
            profile: .organisationSeal, notBefore: TestPKI.referenceDate - TestPKI.year,
            notAfter: TestPKI.referenceDate - 86_400)
        try await withFixture(pki: pki, consumer: expired) { fixture in
            do {
                _ = try await fixture.client().request(try Self.query())
                Issue.record("an expired certificate was accepted")
            } catch let error as InteropError {
                #expect(error.failure == .certificateInvalid)
                #expect(error.reason.contains("x509.chain.expired"))
            }
        }
    }

    @Test("revoked consumer certificate: refused by the CRL (401)")
    func revokedCertificate() async throws {
        var pki = try TestPKI(algorithm: .p256, leafProfile: .organisationSeal)
        let revoked = try pki.issueLeaf(profile: .organisationSeal)
        pki.revoke(revoked.certificate.serialNumber)
        let crl = try pki.crl(at: TestPKI.referenceDate)
        try await withFixture(pki: pki, consumer: revoked, crls: [crl]) { fixture in
            do {
                _ = try await fixture.client().request(try Self.query())
                Issue.record("a revoked certificate was accepted")
            } catch let error as InteropError {
                #expect(error.failure == .certificateInvalid)
                #expect(error.reason.contains("x509.chain.revoked"))
            }
        }
        // The same PKI and CRL with a certificate that is not revoked works.
        try await withFixture(pki: pki, crls: [crl]) { fixture in
            _ = try await fixture.client().request(try Self.query())
        }
    }

    @Test("fields outside the purpose are removed from the response and listed as omitted")
    func fieldMinimisation() async throws {
        try await withFixture { fixture in
            let result = try await fixture.client().request(
                try Self.query(fields: ["name", "directors", "shareCapital"]))
            #expect(result.response.data.keys.sorted() == ["name"])
            #expect(result.response.omittedFields == ["directors", "shareCapital"])
            #expect(result.response.data["internalNote"] == nil)
        }
    }

    @Test("rate limit (429) and a service without a contract in force (404)")
    func rateLimitAndUnknownService() async throws {
        var limited = try InteropFixture.contract()
        limited.id = "crcbm-limited"
        limited.service = try XRoadServiceID(parsing: "MO/GOV/DSAJ/crcbm/limitedRecord")
        limited.rateLimit = RateLimit(maximumRequests: 1, periodSeconds: 3600)
        let fixture = try await InteropFixture(contracts: [limited])
        let client = try fixture.client()
        var query = try Self.query()
        query.service = limited.service
        _ = try await client.request(query)
        await expectFault(.rateLimited) { _ = try await client.request(query) }
        query.service = try XRoadServiceID(parsing: "MO/GOV/DSAJ/crcbm/noSuchService")
        await expectFault(.unknownService) { _ = try await client.request(query) }
        await fixture.stop()
    }

    @Test("a field that is not in the response schema is a malformed request (400)")
    func unknownField() async throws {
        try await withFixture { fixture in
            await expectFault(.malformedRequest) {
                _ = try await fixture.client().request(try Self.query(fields: ["favouriteColour"]))
            }
        }
    }

    @Test("a GET or a wrong path is refused with a JSON fault")
    func httpFaults() async throws {
        try await withFixture { fixture in
            let client = try fixture.client()
            let prepared = try await client.prepare(try InteropFixture.query())
            var get = prepared.head
            get.method = .get
            let (getHead, _) = try await fixture.httpTransport.send(get, body: [])
            #expect(getHead.status.code == 405)
            var wrongPath = prepared.head
            wrongPath.path = "/r1/MO/GOV/DSAJ/crcbm/otherService"
            let (pathHead, pathBody) = try await fixture.httpTransport.send(wrongPath, body: prepared.body)
            #expect(pathHead.status.code == 400)
            let fault = try JSONValue.parse(pathBody)
            #expect(fault["code"] == .string("interop.malformed_request"))
            #expect(fault["fault"] == .string("client"))
        }
    }

    @Test("nothing listens: a transport fault")
    func noServer() async throws {
        try await withFixture { fixture in
            let client = try fixture.client(transport: HTTPClientInteropTransport(baseURL: "http://127.0.0.1:1", timeout: .seconds(5)))
            await expectFault(.transportFailure) {
                _ = try await client.request(try Self.query())
            }
        }
    }

    static func query(
        purpose: String = "food-licence-application", legalBasis: String = InteropFixture.foodBasis,
        subject: String? = nil, fields: [String] = []
    ) throws -> InteropQuery {
        try InteropFixture.query(purpose: purpose, legalBasis: legalBasis, subject: subject, fields: fields)
    }
}
