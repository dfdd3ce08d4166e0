import EGovCore
import EGovHummingbird
import EGovNotifications
import Foundation
import Hummingbird
import Testing

/// The notification receipt (webhook) endpoint on a real server on 127.0.0.1.
@Suite("Notification receipts on Hummingbird", .enabled(if: HummingbirdTestGate.isEnabled, HummingbirdTestGate.reason))
struct ReceiptEndpointTests {
    static let path = "/notifications/receipts"

    func withEndpoint(
        maximumBodyBytes: Int = NotificationReceiptHTTP.defaultMaximumBodyBytes,
        _ body: (ReceiptFixture, RawClient) async throws -> Void
    ) async throws {
        let fixture = try await ReceiptFixture()
        let router = Router()
        router.addNotificationReceipts(
            path: "notifications/receipts", processor: fixture.processor, maximumBodyBytes: maximumBodyBytes)
        try await TestServer.run(router) { port in
            try await RawClient.with(port: port) { raw in try await body(fixture, raw) }
        }
    }

    static func headers(_ tag: String?, contentType: String? = "application/json") -> [(String, String)] {
        var fields: [(String, String)] = []
        if let contentType { fields.append(("Content-Type", contentType)) }
        if let tag { fields.append(("X-EGov-Receipt-HMAC", tag)) }
        return fields
    }

    @Test("an authenticated receipt is applied; sent again it is a duplicate")
    func accepted() async throws {
        try await withEndpoint { fixture, raw in
            let body = try ReceiptFixture.body("r-1")
            let first = try await raw.send(
                "POST", Self.path + "/email", headers: Self.headers(try ReceiptFixture.tag(body)), body: body)
            #expect(first.status == 200)
            #expect(first.text == #"{"outcome":"applied","state":"delivered"}"#)
            #expect(first.header("Content-Type") == "application/json")
            #expect(try await fixture.state() == .delivered)
            let again = try await raw.send(
                "POST", Self.path + "/email", headers: Self.headers(try ReceiptFixture.tag(body)), body: body)
            #expect(again.status == 200)
            #expect(again.text == #"{"outcome":"duplicate"}"#)
        }
    }

    @Test("a wrong, missing or other channel's authentication code is refused (401); nothing changes")
    func refused() async throws {
        try await withEndpoint { fixture, raw in
            let body = try ReceiptFixture.body("r-1")
            var tag = Array(try ReceiptFixture.tag(body).utf8)
            tag[0] = tag[0] == UInt8(ascii: "0") ? UInt8(ascii: "1") : UInt8(ascii: "0")
            for header in [String(decoding: tag, as: UTF8.self), "zz", try ReceiptFixture.tag(body, .sms)] {
                let answer = try await raw.send("POST", Self.path + "/email", headers: Self.headers(header), body: body)
                #expect(answer.status == 401)
                #expect(answer.text.contains("notifications.receipts.authentication_failed"))
            }
            let missing = try await raw.send("POST", Self.path + "/email", headers: Self.headers(nil), body: body)
            #expect(missing.status == 401)
            // A body changed after signing.
            let changed = try await raw.send(
                "POST", Self.path + "/email", headers: Self.headers(try ReceiptFixture.tag(body)), body: body + [0x20])
            #expect(changed.status == 401)
            #expect(try await fixture.state() == .sent)
        }
    }

    @Test("malformed requests get 4xx: bad JSON, wrong method, wrong content type, unknown channel or delivery")
    func malformed() async throws {
        try await withEndpoint { fixture, raw in
            let notJSON = Array("{\"receiptID\": ".utf8)
            let bad = try await raw.send(
                "POST", Self.path + "/email", headers: Self.headers(try ReceiptFixture.tag(notJSON)), body: notJSON)
            #expect(bad.status == 400)
            #expect(bad.text.contains("notifications.receipts.malformed"))

            let body = try ReceiptFixture.body("r-1")
            let tag = try ReceiptFixture.tag(body)
            let get = try await raw.send("GET", Self.path + "/email")
            #expect(get.status == 405)
            #expect(get.header("Allow") == "POST")
            let form = try await raw.send(
                "POST", Self.path + "/email",
                headers: Self.headers(tag, contentType: "application/x-www-form-urlencoded"),
                body: body)
            #expect(form.status == 415)
            let noType = try await raw.send(
                "POST", Self.path + "/email", headers: Self.headers(tag, contentType: nil), body: body)
            #expect(noType.status == 415)
            let unknownChannel = try await raw.send("POST", Self.path + "/fax", headers: Self.headers(tag), body: body)
            #expect(unknownChannel.status == 404)
            // No key for the inbox transport.
            let noKey = try await raw.send("POST", Self.path + "/inbox", headers: Self.headers(tag), body: body)
            #expect(noKey.status == 404)
            let otherNotice = try ReceiptFixture.body("r-2", "N-2#email")
            let unknown = try await raw.send(
                "POST", Self.path + "/email", headers: Self.headers(try ReceiptFixture.tag(otherNotice)),
                body: otherNotice)
            #expect(unknown.status == 404)
            #expect(unknown.text.contains("notifications.store.unknown_delivery"))
            let charset = try await raw.send(
                "POST", Self.path + "/email",
                headers: Self.headers(tag, contentType: "application/json; charset=utf-8"),
                body: body)
            #expect(charset.status == 200)
            #expect(try await fixture.state() == .delivered)
        }
    }

    @Test("a body over the limit is refused with 413")
    func oversized() async throws {
        try await withEndpoint(maximumBodyBytes: 1024) { fixture, raw in
            let big = [UInt8](repeating: 0x20, count: 8192)
            let answer = try await raw.send(
                "POST", Self.path + "/email", headers: Self.headers(try ReceiptFixture.tag(big)), body: big)
            #expect(answer.status == 413)
            #expect(answer.text.contains("http.content_too_large"))
            #expect(try await fixture.state() == .sent)
        }
    }
}
