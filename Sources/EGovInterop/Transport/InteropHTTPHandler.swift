import EGovCore
import HTTPTypes

/// Mounts an ``InteropProvider`` on any HTTP server: a plain async function from request head and
/// body bytes to response head and body bytes (swift-http-types), so a department can call it
/// from Vapor, Hummingbird, a NIO pipeline or a test server.
///
/// - `POST /r1/<service ID>` with `X-Road-Client` and a compact JWS body (`application/jose`).
/// - 200 with the signed response envelope (`application/jose`), `X-Road-Id` and
///   `X-Road-Request-Hash`.
/// - Faults: the status of ``InteropError/Code/httpStatus`` (405 for a method other than POST),
///   `X-Road-Error: <fault>.<code>` and the JSON body `{"fault","code","reason"}`.
public struct InteropHTTPHandler: Sendable {
    /// The provider.
    public let provider: InteropProvider

    /// Creates a handler.
    public init(provider: InteropProvider) { self.provider = provider }

    /// Handles one HTTP exchange.
    public func handle(_ request: HTTPRequest, body: [UInt8]) async -> (HTTPResponse, [UInt8]) {
        guard request.method == .post else {
            return Self.fault(InteropError(.malformedRequest, "only POST is accepted"), status: 405)
        }
        let reply = await provider.handle(
            body: body, clientHeader: request.headerFields[InteropHTTP.clientHeader], path: request.path ?? "")
        switch reply {
        case .response(let envelope):
            var fields = HTTPFields()
            fields[.contentType] = InteropHTTP.envelopeMediaType
            fields[InteropHTTP.requestHashHeader] = RequestHash.compute(body)
            return (HTTPResponse(status: .ok, headerFields: fields), Array(envelope.utf8))
        case .fault(let error):
            return Self.fault(error, status: error.failure.httpStatus)
        }
    }

    /// The fault response for `error`.
    public static func fault(_ error: InteropError, status: Int) -> (HTTPResponse, [UInt8]) {
        var fields = HTTPFields()
        fields[.contentType] = InteropHTTP.faultMediaType
        fields[InteropHTTP.errorHeader] = error.fault.rawValue + "." + error.code
        let body: JSONValue = .object([
            "fault": .string(error.fault.rawValue), "code": .string(error.code), "reason": .string(error.reason),
        ])
        let bytes = (try? CanonicalJSON.serialize(body)) ?? Array(#"{"fault":"server"}"#.utf8)
        return (HTTPResponse(status: .init(code: status), headerFields: fields), bytes)
    }
}
