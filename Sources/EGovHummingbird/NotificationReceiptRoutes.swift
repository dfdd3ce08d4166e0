import EGovCore
import EGovNotifications
import HTTPTypes
import Hummingbird
import Logging

/// The HTTP names of the notification receipt endpoint.
///
/// A transport (an SMS or e-mail gateway, a push service, the inbox app) reports on a delivery
/// by posting a `TransportReceipt` as JSON to `<path>/<channel>`, with the hex HMAC-SHA-256 of
/// the exact body bytes under its channel's key in ``authenticationHeader``
/// (`ReceiptProcessor.authenticationCode(for:key:)` computes it).
public enum NotificationReceiptHTTP {
    /// `X-EGov-Receipt-HMAC`: the hex HMAC-SHA-256 of the request body.
    public static let authenticationHeader = HTTPField.Name("X-EGov-Receipt-HMAC") ?? .authorization
    /// The media type of receipts and of the endpoint's answers.
    public static let mediaType = "application/json"
    /// The default largest receipt body: 64 KiB (a receipt is a few hundred bytes).
    public static let defaultMaximumBodyBytes = 64 << 10
}

extension RouterMethods {
    /// Mounts the notification receipt (webhook) endpoint: `POST <path>/<channel>`, authenticated
    /// and applied by `processor`.
    ///
    /// `<channel>` is a `NotificationChannel` raw value (`sms`, `email`, …); the body is a
    /// `TransportReceipt` in JSON; ``NotificationReceiptHTTP/authenticationHeader`` carries its
    /// hex HMAC-SHA-256 under the channel's key. Answers, all `application/json`:
    ///
    /// | Status | When | Body |
    /// |---|---|---|
    /// | 200 | applied, or already processed | `{"outcome":"applied","state":"delivered"}`, `{"outcome":"duplicate"}`, `{"outcome":"stale"}` |
    /// | 400 | the body is not a receipt | `{"code","reason"}` |
    /// | 401 | the authentication code is missing or wrong | `{"code","reason"}` |
    /// | 404 | an unknown channel, no key for it, or an unknown delivery | `{"code","reason"}` |
    /// | 405 | a method other than POST (`Allow: POST`) | `{"code","reason"}` |
    /// | 409 | the receipt does not fit the delivery's state, or a concurrent update (retry) | `{"code","reason"}` |
    /// | 413 | the body exceeds `maximumBodyBytes` | `{"code","reason"}` |
    /// | 415 | the content type is not `application/json` | `{"code","reason"}` |
    /// | 503 | the notification store failed (retry) | `{"code","reason"}` |
    ///
    /// The body is authenticated before it is parsed (by `ReceiptProcessor`). Logs through the
    /// request's logger: channel, status and error code only, never the body, the delivery ID or
    /// the authentication code.
    ///
    /// - Parameters:
    ///   - path: where to mount, e.g. `"notifications/receipts"`.
    ///   - processor: authenticates and applies receipts.
    ///   - maximumBodyBytes: the largest body read.
    /// - Returns: this router, for chaining.
    @discardableResult
    public func addNotificationReceipts(
        path: RouterPath, processor: ReceiptProcessor,
        maximumBodyBytes: Int = NotificationReceiptHTTP.defaultMaximumBodyBytes
    ) -> Self {
        let endpoint = ReceiptEndpoint(processor: processor, limit: max(0, maximumBodyBytes))
        let route = path.appendingPath(":channel")
        on(route, method: .post) { request, context in
            try await endpoint.post(request, channel: context.parameters.get("channel"), logger: context.logger)
        }
        for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
            on(route, method: method) { _, context in
                var headers = HTTPFields()
                headers[.allow] = "POST"
                return ReceiptEndpoint.error(
                    405, code: "http.method_not_allowed", reason: "only POST is accepted", headers: headers,
                    channel: context.parameters.get("channel"), logger: context.logger)
            }
        }
        return self
    }
}

/// The endpoint behind ``Hummingbird/RouterMethods/addNotificationReceipts(path:processor:maximumBodyBytes:)``.
struct ReceiptEndpoint: Sendable {
    let processor: ReceiptProcessor
    let limit: Int

    func post(_ request: Request, channel rawChannel: String?, logger: Logger) async throws -> Response {
        guard let rawChannel, let channel = NotificationChannel(rawValue: rawChannel) else {
            return Self.error(
                404, code: NotificationError.unknownTransport.code, reason: "no such notification channel",
                channel: nil, logger: logger)
        }
        guard RequestBodies.hasMediaType(request, NotificationReceiptHTTP.mediaType) else {
            return Self.error(
                415, code: "http.unsupported_media_type", reason: "the receipt must be application/json",
                channel: rawChannel, logger: logger)
        }
        let body: [UInt8]
        switch try await RequestBodies.collect(request, limit: limit) {
        case .tooLarge:
            return Self.error(
                413, code: "http.content_too_large", reason: "the receipt exceeds \(limit) bytes", channel: rawChannel,
                logger: logger)
        case .body(let bytes):
            body = bytes
        }
        guard let code = request.headers[NotificationReceiptHTTP.authenticationHeader] else {
            let error = NotificationError.receiptAuthenticationFailed
            return Self.error(401, code: error.code, reason: error.reason, channel: rawChannel, logger: logger)
        }
        do {
            let outcome = try await processor.process(
                body: body, hexAuthenticationCode: String(code.trimmingSpaces()), from: channel)
            var fields: [String: JSONValue]
            let name: String
            switch outcome {
            case .applied(let state):
                name = "applied"
                fields = ["state": .string(state.rawValue)]
            case .duplicate:
                name = "duplicate"
                fields = [:]
            case .stale:
                name = "stale"
                fields = [:]
            }
            fields["outcome"] = .string(name)
            logger.debug(
                "notification receipt processed",
                metadata: [
                    "egov.notifications.channel": .string(channel.rawValue),
                    "egov.notifications.outcome": .string(name),
                ])
            return Self.json(.ok, .object(fields), headers: HTTPFields())
        } catch {
            return Self.error(
                Self.status(of: error), code: error.code, reason: error.reason, channel: rawChannel, logger: logger)
        }
    }

    /// The HTTP status for a refused receipt.
    static func status(of error: NotificationError) -> Int {
        switch error {
        case .malformedReceipt: 400
        case .receiptAuthenticationFailed: 401
        case .unknownTransport, .unknownDelivery, .unknownNotice: 404
        case .illegalTransition, .conflict, .evidenceChainConflict: 409
        case .store: 503
        default: 500
        }
    }

    static func error(
        _ status: Int, code: String, reason: String, headers: HTTPFields = HTTPFields(), channel: String?,
        logger: Logger
    ) -> Response {
        let level: Logger.Level = status >= 500 ? .error : .info
        logger.log(
            level: level, "notification receipt refused",
            metadata: [
                "egov.notifications.channel": .string(
                    channel.flatMap { NotificationChannel(rawValue: $0)?.rawValue } ?? "unknown"),
                "egov.notifications.status": .stringConvertible(status), "egov.notifications.code": .string(code),
            ])
        return json(.init(code: status), .object(["code": .string(code), "reason": .string(reason)]), headers: headers)
    }

    static func json(_ status: HTTPResponse.Status, _ value: JSONValue, headers: HTTPFields) -> Response {
        var headers = headers
        headers[.contentType] = NotificationReceiptHTTP.mediaType
        let body = (try? CanonicalJSON.serialize(value)) ?? Array(#"{"code":"http.internal"}"#.utf8)
        return RequestBodies.response(status: status, headers: headers, body: body)
    }
}
