import EGovInterop
import HTTPTypes
import Hummingbird
import Logging

extension RouterMethods {
    /// Mounts an interop provider: every service path `r1/<service ID>` below this router (or
    /// group) is answered by `handler`.
    ///
    /// - `POST r1/…` with `Content-Type: application/jose`: the body is read up to
    ///   `maximumRequestBytes` and passed to `handler` with the path from `/r1/` on, so the
    ///   provider can also be mounted in a group (`router.group("xroad").addInteropProvider(…)`).
    /// - A body over the limit: 413; another content type: 415; `GET`, `PUT`, `DELETE` and `PATCH`:
    ///   405. Each with the provider's fault format (`X-Road-Error` and a JSON body
    ///   `{"fault","code","reason"}`), as are the provider's own refusals.
    ///
    /// Logs through the request's logger (`context.logger`): the status and the `X-Road-Error`
    /// code of each exchange, never a body or header value.
    ///
    /// - Parameters:
    ///   - handler: the provider's HTTP binding.
    ///   - maximumRequestBytes: the largest request body read; `nil` for the provider's own limit
    ///     (`InteropProvider.maximumRequestBytes`).
    /// - Returns: this router, for chaining.
    @discardableResult
    public func addInteropProvider(_ handler: InteropHTTPHandler, maximumRequestBytes: Int? = nil) -> Self {
        let limit = max(0, maximumRequestBytes ?? handler.provider.maximumRequestBytes)
        let endpoint = InteropEndpoint(handler: handler, limit: limit)
        on(InteropEndpoint.route, method: .post) { request, context in
            try await endpoint.post(request, logger: context.logger, remainder: context.parameters)
        }
        for method in [HTTPRequest.Method.get, .put, .delete, .patch] {
            on(InteropEndpoint.route, method: method) { request, context in
                await endpoint.other(request, logger: context.logger, remainder: context.parameters)
            }
        }
        return self
    }
}

/// The interop provider endpoint behind ``Hummingbird/RouterMethods/addInteropProvider(_:maximumRequestBytes:)``.
struct InteropEndpoint: Sendable {
    /// Every path below `r1/`.
    static let route: RouterPath = "r1/**"

    let handler: InteropHTTPHandler
    let limit: Int

    func post(_ request: Request, logger: Logger, remainder: Parameters) async throws -> Response {
        guard RequestBodies.hasMediaType(request, InteropHTTP.envelopeMediaType) else {
            return refuse(415, "the request body must be \(InteropHTTP.envelopeMediaType)", logger: logger)
        }
        switch try await RequestBodies.collect(request, limit: limit) {
        case .tooLarge:
            return refuse(413, "the request body exceeds \(limit) bytes", logger: logger)
        case .body(let body):
            return await exchange(request, body: body, logger: logger, remainder: remainder)
        }
    }

    /// Methods other than POST: the handler answers them (405, in its fault format).
    func other(_ request: Request, logger: Logger, remainder: Parameters) async -> Response {
        await exchange(request, body: [], logger: logger, remainder: remainder)
    }

    private func exchange(_ request: Request, body: [UInt8], logger: Logger, remainder: Parameters) async -> Response {
        var head = request.head
        head.path = Self.servicePath(request, remainder: remainder)
        let (response, answer) = await handler.handle(head, body: body)
        log(response, logger: logger)
        return RequestBodies.response(status: response.status, headers: response.headerFields, body: answer)
    }

    private func refuse(_ status: Int, _ reason: String, logger: Logger) -> Response {
        let (response, body) = InteropHTTPHandler.fault(InteropError(.malformedRequest, reason), status: status)
        log(response, logger: logger)
        return RequestBodies.response(status: response.status, headers: response.headerFields, body: body)
    }

    private func log(_ response: HTTPResponse, logger: Logger) {
        let metadata: Logger.Metadata = [
            "egov.interop.status": .stringConvertible(response.status.code),
            "egov.interop.error": .string(response.headerFields[InteropHTTP.errorHeader] ?? "none"),
        ]
        if response.status.kind == .successful {
            logger.debug("interop exchange served", metadata: metadata)
        } else {
            logger.info("interop exchange refused", metadata: metadata)
        }
    }

    /// `/r1/` and the rest of the path as received (still percent-encoded), with the query if any
    /// (the provider refuses queries).
    static func servicePath(_ request: Request, remainder: Parameters) -> String {
        let rest =
            remainder[Parameters.recursiveCaptureKey].map { String($0) }
            ?? remainder.getCatchAll().joined(separator: "/")
        var path = "/r1/" + rest
        if let query = request.uri.query { path += "?" + query }
        return path
    }
}
