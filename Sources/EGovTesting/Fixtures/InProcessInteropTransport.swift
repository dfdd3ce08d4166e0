import EGovCore
import EGovInterop
import HTTPTypes

/// An `InteropTransport` that hands each request to an `InteropHTTPHandler` in the same process:
/// the HTTP binding without sockets, so a consumer and its providers meet in one test.
///
/// Requests are routed by path (`/r1/<service ID>`, `XRoadServiceID.path`); an unknown path is
/// answered with 404, as a security server would.
public struct InProcessInteropTransport: InteropTransport {
    /// The handlers by request path.
    public let routes: [String: InteropHTTPHandler]

    /// Routes each path to its handler.
    public init(routes: [String: InteropHTTPHandler]) {
        self.routes = routes
    }

    /// Serves each service with its provider (through an `InteropHTTPHandler`).
    public init(providers: [XRoadServiceID: InteropProvider]) {
        var routes: [String: InteropHTTPHandler] = [:]
        for (service, provider) in providers { routes[service.path] = InteropHTTPHandler(provider: provider) }
        self.routes = routes
    }

    /// Calls the handler for the request's path.
    public func send(_ request: HTTPRequest, body: [UInt8]) async throws -> (HTTPResponse, [UInt8]) {
        guard let path = request.path, let handler = routes[path] else {
            return (HTTPResponse(status: .notFound), [])
        }
        return await handler.handle(request, body: body)
    }
}
