import EGovCertificates
import EGovCore
import EGovCrypto
import EGovHummingbird
import EGovTesting
import Foundation
import Hummingbird
import Testing

/// Token Status List publication on a real server on 127.0.0.1.
@Suite("Status list publication on Hummingbird", .enabled(if: HummingbirdTestGate.isEnabled, HummingbirdTestGate.reason))
struct StatusListEndpointTests {
    static let uri = "https://status.example.gov/statuslists/1"
    static let path = "/statuslists/1"

    struct Fixture {
        let clock: ManualClock
        let issuer: StatusListIssuer
        let publisher: StatusListPublisher
        let keys: JWSKeySet

        init(timeToLive: Int? = 3_600) throws {
            clock = ManualClock()
            let signer = try PrivateKey.generate(for: .es256).signingKey(for: .es256)
            keys = JWSKeySet([.init(keyID: "status-1", key: try signer.publicKey.verificationKey(for: .es256))])
            issuer = try StatusListIssuer(
                uri: StatusListEndpointTests.uri, capacity: 1024, signingKey: signer, keyID: "status-1", clock: clock)
            publisher = StatusListPublisher(issuer: issuer, validFor: 86_400, timeToLive: timeToLive, clock: clock)
        }
    }

    func withEndpoint(
        _ fixture: Fixture, source: (any StatusListTokenSource)? = nil, _ body: (RawClient) async throws -> Void
    ) async throws {
        let router = Router()
        if let source {
            router.addStatusList(path: "statuslists/1", source: AnySource(base: source), clock: fixture.clock)
        } else {
            router.addStatusList(path: "statuslists/1", source: fixture.publisher, clock: fixture.clock)
        }
        try await TestServer.run(router) { port in
            try await RawClient.with(port: port, body)
        }
    }

    struct AnySource: StatusListTokenSource {
        let base: any StatusListTokenSource
        func currentToken() async throws -> String { try await base.currentToken() }
    }

    struct FailingSource: StatusListTokenSource {
        struct Down: Error {}
        func currentToken() async throws -> String { throw Down() }
    }

    @Test("GET serves the signed token: content type, Cache-Control from ttl, strong ETag; it verifies")
    func served() async throws {
        let fixture = try Fixture()
        let revoked = try await fixture.issuer.allocate()
        let valid = try await fixture.issuer.allocate()
        try await fixture.issuer.revoke(revoked, reason: nil)
        try await withEndpoint(fixture) { raw in
            let answer = try await raw.send("GET", Self.path, headers: [("Accept", "application/statuslist+jwt")])
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/statuslist+jwt")
            #expect(answer.header("Cache-Control") == "max-age=3600")
            let token = answer.text
            #expect(answer.header("ETag") == StatusListHTTP.entityTag(for: token))
            #expect(answer.header("ETag")?.hasPrefix("\"") == true)
            #expect(answer.header("ETag")?.hasPrefix("W/") == false)
            let verified = try StatusListToken.verify(
                token, keys: fixture.keys, expectedURI: Self.uri, at: fixture.clock.now())
            #expect(try verified.status(of: revoked) == .invalid)
            #expect(try verified.status(of: valid) == .valid)
            #expect(verified.timeToLive == 3_600)
        }
    }

    @Test("If-None-Match with the current ETag: 304 without a body; a new token after a change: 200")
    func conditional() async throws {
        let fixture = try Fixture()
        let reference = try await fixture.issuer.allocate()
        try await withEndpoint(fixture) { raw in
            let first = try await raw.send("GET", Self.path)
            let tag = try #require(first.header("ETag"))
            let again = try await raw.send("GET", Self.path)
            #expect(again.header("ETag") == tag)
            #expect(again.body == first.body)

            let notModified = try await raw.send("GET", Self.path, headers: [("If-None-Match", tag)])
            #expect(notModified.status == 304)
            #expect(notModified.body.isEmpty)
            #expect(notModified.header("ETag") == tag)
            #expect(notModified.header("Cache-Control") == "max-age=3600")
            let listed = try await raw.send("GET", Self.path, headers: [("If-None-Match", "\"other\", W/\(tag)")])
            #expect(listed.status == 304)
            let star = try await raw.send("GET", Self.path, headers: [("If-None-Match", "*")])
            #expect(star.status == 304)
            let other = try await raw.send("GET", Self.path, headers: [("If-None-Match", "\"other\"")])
            #expect(other.status == 200)

            // Revoked and republished: the old tag no longer matches.
            try await fixture.issuer.revoke(reference, reason: nil)
            await fixture.publisher.invalidate()
            let changed = try await raw.send("GET", Self.path, headers: [("If-None-Match", tag)])
            #expect(changed.status == 200)
            #expect(changed.header("ETag") != tag)
            let verified = try StatusListToken.verify(
                changed.text, keys: fixture.keys, expectedURI: Self.uri, at: fixture.clock.now())
            #expect(try verified.status(of: reference) == .invalid)
        }
    }

    @Test("the publisher keeps a token until it is due, and max-age never passes exp")
    func refresh() async throws {
        let fixture = try Fixture()
        try await withEndpoint(fixture) { raw in
            let first = try await raw.send("GET", Self.path)
            fixture.clock.advance(by: 1_800)
            let later = try await raw.send("GET", Self.path)
            #expect(later.body == first.body)
            fixture.clock.advance(by: 1_800)
            let refreshed = try await raw.send("GET", Self.path)
            #expect(refreshed.body != first.body)
            #expect(refreshed.header("Cache-Control") == "max-age=3600")
        }
        let token = try await fixture.publisher.currentToken()
        let nearExpiry = fixture.clock.now().addingTimeInterval(86_400 - 100)
        #expect(StatusListHTTP.cacheControl(for: token, at: nearExpiry) == "max-age=100")
        #expect(StatusListHTTP.cacheControl(for: token, at: nearExpiry.addingTimeInterval(1_000)) == "max-age=0")
    }

    @Test("a token without ttl is served with no-cache")
    func noTimeToLive() async throws {
        let fixture = try Fixture(timeToLive: nil)
        try await withEndpoint(fixture) { raw in
            let answer = try await raw.send("GET", Self.path)
            #expect(answer.status == 200)
            #expect(answer.header("Cache-Control") == "no-cache")
        }
    }

    @Test("HEAD, other methods, Accept and a failing source")
    func edges() async throws {
        let fixture = try Fixture()
        try await withEndpoint(fixture) { raw in
            let get = try await raw.send("GET", Self.path)
            let head = try await raw.send("HEAD", Self.path)
            #expect(head.status == 200)
            #expect(head.body.isEmpty)
            #expect(head.header("ETag") == get.header("ETag"))
            #expect(head.header("Content-Length") == String(get.body.count))
            let post = try await raw.send("POST", Self.path, headers: [("Content-Type", "application/json")], body: [])
            #expect(post.status == 405)
            #expect(post.header("Allow") == "GET, HEAD")
            let html = try await raw.send("GET", Self.path, headers: [("Accept", "text/html")])
            #expect(html.status == 406)
            let any = try await raw.send("GET", Self.path, headers: [("Accept", "text/html, */*;q=0.1")])
            #expect(any.status == 200)
            let elsewhere = try await raw.send("GET", "/statuslists/2")
            #expect(elsewhere.status == 404)
        }
        try await withEndpoint(fixture, source: FailingSource()) { raw in
            let answer = try await raw.send("GET", Self.path)
            #expect(answer.status == 503)
        }
    }
}
