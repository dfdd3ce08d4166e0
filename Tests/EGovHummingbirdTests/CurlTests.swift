import EGovCertificates
import EGovCore
import EGovHummingbird
import EGovInterop
import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// The three endpoints called with the `curl` command-line tool, as a department's operator or a
/// gateway would: a client that shares no code with the server.
@Suite(
    "The endpoints with curl", .enabled(if: HummingbirdTestGate.isEnabled, HummingbirdTestGate.reason),
    .enabled(if: Curl.isInstalled, "curl is not installed: install it to run these tests"))
struct CurlTests {
    @Test("interop: a signed request posted with curl gets a response the consumer verifies")
    func interop() async throws {
        let fixture = try await InteropFixture()
        let router = Router()
        router.addInteropProvider(fixture.handler, maximumRequestBytes: 16 << 10)
        try await TestServer.run(router) { port in
            let base = "http://127.0.0.1:\(port)"
            let client = try fixture.client(transport: UnusedTransport())
            let prepared = try await client.prepare(try InteropFixture.query())
            let path = prepared.head.path ?? "/"
            let fields = prepared.head.headerFields.map { ($0.name.rawName, $0.value) }
            let answer = try await Curl.send("POST", base + path, headers: fields, body: prepared.body)
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/jose")
            let result = try await client.verifyAnswer(answer.body, to: prepared)
            #expect(result.response.outcome == .success)

            let replay = try await Curl.send("POST", base + path, headers: fields, body: prepared.body)
            #expect(replay.status == 409)
            // curl's default content type for --data-binary is a form.
            let form = try await Curl.send(
                "POST", base + path, headers: fields.filter { $0.0.lowercased() != "content-type" }, body: prepared.body
            )
            #expect(form.status == 415)
            let big = try await Curl.send(
                "POST", base + path, headers: fields, body: [UInt8](repeating: 0x41, count: 64 << 10))
            #expect(big.status == 413)
            // Streamed without a Content-Length: the limit holds while reading.
            let chunked = try await Curl.send(
                "POST", base + path, headers: fields + [("Transfer-Encoding", "chunked")],
                body: [UInt8](repeating: 0x41, count: 64 << 10))
            #expect(chunked.status == 413)
            // The server still answers afterwards.
            let next = try await client.prepare(try InteropFixture.query())
            let nextFields = next.head.headerFields.map { ($0.name.rawName, $0.value) }
            let served = try await Curl.send("POST", base + path, headers: nextFields, body: next.body)
            #expect(served.status == 200)
        }
    }

    @Test("receipts: an authenticated receipt posted with curl is applied, a bad signature refused")
    func receipts() async throws {
        let fixture = try await ReceiptFixture()
        let router = Router()
        router.addNotificationReceipts(path: "notifications/receipts", processor: fixture.processor)
        try await TestServer.run(router) { port in
            let url = "http://127.0.0.1:\(port)/notifications/receipts/email"
            let body = try ReceiptFixture.body("r-curl-1")
            let forged = try await Curl.send(
                "POST", url,
                headers: [
                    ("Content-Type", "application/json"), ("X-EGov-Receipt-HMAC", String(repeating: "ab", count: 32)),
                ],
                body: body)
            #expect(forged.status == 401)
            #expect(try await fixture.state() == .sent)
            let accepted = try await Curl.send(
                "POST", url,
                headers: [("Content-Type", "application/json"), ("X-EGov-Receipt-HMAC", try ReceiptFixture.tag(body))],
                body: body)
            #expect(accepted.status == 200)
            #expect(accepted.text == #"{"outcome":"applied","state":"delivered"}"#)
            #expect(try await fixture.state() == .delivered)
            let malformed = try await Curl.send(
                "POST", url,
                headers: [
                    ("Content-Type", "application/json"), ("X-EGov-Receipt-HMAC", try ReceiptFixture.tag([0x7B])),
                ],
                body: [0x7B])
            #expect(malformed.status == 400)
        }
    }

    @Test("status list: curl gets the token with its content type and ETag, then 304")
    func statusList() async throws {
        let fixture = try StatusListEndpointTests.Fixture()
        let reference = try await fixture.issuer.allocate()
        try await fixture.issuer.suspend(reference)
        let router = Router()
        router.addStatusList(path: "statuslists/1", source: fixture.publisher, clock: fixture.clock)
        try await TestServer.run(router) { port in
            let url = "http://127.0.0.1:\(port)/statuslists/1"
            let answer = try await Curl.send("GET", url, headers: [("Accept", "application/statuslist+jwt")])
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/statuslist+jwt")
            #expect(answer.header("Cache-Control") == "max-age=3600")
            let tag = try #require(answer.header("ETag"))
            let token = try StatusListToken.verify(
                answer.text, keys: fixture.keys, expectedURI: StatusListEndpointTests.uri, at: fixture.clock.now())
            #expect(try token.status(of: reference) == .suspended)
            let notModified = try await Curl.send("GET", url, headers: [("If-None-Match", tag)])
            #expect(notModified.status == 304)
            #expect(notModified.body.isEmpty)
            let head = try await Curl.send("HEAD", url)
            #expect(head.status == 200)
            #expect(head.header("ETag") == tag)
            let post = try await Curl.send("POST", url, body: [])
            #expect(post.status == 405)
        }
    }
}

/// The curl test sends by itself; the client is used only to prepare and verify.
struct UnusedTransport: InteropTransport {
    struct NotUsed: Error {}
    func send(_ request: HTTPRequest, body: [UInt8]) async throws -> (HTTPResponse, [UInt8]) { throw NotUsed() }
}
