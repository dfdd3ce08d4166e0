import AsyncHTTPClient
import EGovCore
import EGovHTTPClient
import EGovHummingbird
import EGovInterop
import Foundation
import Hummingbird
import Testing

/// The interop provider mounted on a Hummingbird router, over a real server on 127.0.0.1.
@Suite("Interop provider on Hummingbird", .enabled(if: HummingbirdTestGate.isEnabled, HummingbirdTestGate.reason))
struct InteropEndpointTests {
    /// A server with the fixture's provider mounted at `group` (or the root), and a consumer over
    /// AsyncHTTPClient pointed at it.
    func withProvider(
        group: String? = nil, maximumRequestBytes: Int? = nil,
        _ body: (InteropFixture, InteropClient, RawClient) async throws -> Void
    ) async throws {
        let fixture = try await InteropFixture()
        let router = Router()
        if let group {
            router.group(RouterPath(group)).addInteropProvider(
                fixture.handler, maximumRequestBytes: maximumRequestBytes)
        } else {
            router.addInteropProvider(fixture.handler, maximumRequestBytes: maximumRequestBytes)
        }
        try await TestServer.run(router) { port in
            try await RawClient.with(port: port) { raw in
                let base = raw.baseURL + (group.map { "/" + $0 } ?? "")
                let transport = HTTPClientInteropTransport(baseURL: base, client: raw.client, timeout: .seconds(300))
                try await body(fixture, try fixture.client(transport: transport), raw)
            }
        }
    }

    @Test("a full exchange: signed request, verified response, the purpose's fields only")
    func exchange() async throws {
        try await withProvider { fixture, client, _ in
            let result = try await client.request(try InteropFixture.query())
            #expect(result.response.outcome == .success)
            #expect(Set(result.response.data.keys) == ["registrationNumber", "name", "status"])
            #expect(result.response.data["registrationNumber"] == .string("SO-12345"))
            #expect(result.signer == fixture.provider.certificate)
            let entries = try await fixture.auditLog.entries(from: 0, limit: 10)
            #expect(entries.contains { $0.event.action == "interop.request.served" })
        }
    }

    @Test("mounted in a group: the service path is read from /r1/ on")
    func exchangeInGroup() async throws {
        try await withProvider(group: "xroad") { _, client, raw in
            let result = try await client.request(try InteropFixture.query())
            #expect(result.response.outcome == .success)
            // Outside the group nothing is mounted.
            let path = try InteropFixture.service().path
            let outside = try await raw.send("POST", path, headers: [("Content-Type", "application/jose")], body: [])
            #expect(outside.status == 404)
        }
    }

    @Test("a replayed request is refused with the provider's fault (409)")
    func replayed() async throws {
        try await withProvider { _, client, raw in
            let prepared = try await client.prepare(try InteropFixture.query())
            _ = try await client.send(prepared)
            let fields = prepared.head.headerFields.map { ($0.name.rawName, $0.value) }
            let again = try await raw.send("POST", prepared.head.path ?? "/", headers: fields, body: prepared.body)
            #expect(again.status == 409)
            #expect(again.header("X-Road-Error") == "client.interop.replayed")
        }
    }

    @Test("malformed requests get 4xx in the fault format: bad body, wrong method, wrong content type")
    func malformed() async throws {
        try await withProvider { _, client, raw in
            let prepared = try await client.prepare(try InteropFixture.query())
            let path = prepared.head.path ?? "/"
            let client = ("X-Road-Client", try InteropFixture.consumerID().headerValue)
            let jose = ("Content-Type", "application/jose")

            let notJWS = try await raw.send("POST", path, headers: [client, jose], body: Array("{not json".utf8))
            #expect((400..<500).contains(notJWS.status), "\(notJWS.status)")
            #expect(notJWS.header("X-Road-Error")?.hasPrefix("client.") == true)
            #expect(notJWS.header("Content-Type") == "application/json")

            let notUTF8 = try await raw.send("POST", path, headers: [client, jose], body: [0xFF, 0xFE, 0x00])
            #expect((400..<500).contains(notUTF8.status))

            let get = try await raw.send("GET", path, headers: [client])
            #expect(get.status == 405)
            #expect(get.header("X-Road-Error") == "client.interop.malformed_request")

            let json = try await raw.send(
                "POST", path, headers: [client, ("Content-Type", "application/json")], body: prepared.body)
            #expect(json.status == 415)
            #expect(json.header("X-Road-Error") == "client.interop.malformed_request")
            let none = try await raw.send("POST", path, headers: [client], body: prepared.body)
            #expect(none.status == 415)

            let noService = try await raw.send("POST", "/r1/MO", headers: [client, jose], body: prepared.body)
            #expect(noService.status == 400)
            let query = try await raw.send("POST", path + "?x=1", headers: [client, jose], body: prepared.body)
            #expect(query.status == 400)
            let noClient = try await raw.send("POST", path, headers: [jose], body: prepared.body)
            #expect(noClient.status == 400)

            // The untouched request still goes through: nothing above consumed it.
            let fields = prepared.head.headerFields.map { ($0.name.rawName, $0.value) }
            let good = try await raw.send("POST", path, headers: fields, body: prepared.body)
            #expect(good.status == 200)
            #expect(good.header("Content-Type") == "application/jose")
        }
    }

    @Test("a body over the limit is refused with 413, before the provider sees it")
    func oversized() async throws {
        try await withProvider(maximumRequestBytes: 4096) { fixture, client, raw in
            let prepared = try await client.prepare(try InteropFixture.query())
            let fields = prepared.head.headerFields.map { ($0.name.rawName, $0.value) }
            let big = try await raw.send(
                "POST", prepared.head.path ?? "/", headers: fields, body: [UInt8](repeating: 0x41, count: 64 << 10))
            #expect(big.status == 413)
            #expect(big.header("X-Road-Error") == "client.interop.malformed_request")
            #expect(big.text.contains("4096"))
            // Within the limit the same server still answers.
            let result = try await client.send(prepared)
            #expect(result.response.outcome == .success)
            let refused = try await fixture.auditLog.entries(from: 0, limit: 10).filter {
                $0.event.action == "interop.request.refused"
            }
            #expect(refused.isEmpty)
        }
    }
}
