import HTTPTypes

/// Carries a request to a provider and brings its answer back.
///
/// `HTTPClientInteropTransport` (in the EGovHTTPClient module, so that EGovInterop itself needs no
/// SwiftNIO) does it over HTTP with AsyncHTTPClient; tests and gateways can
/// supply their own (a proxy, a message queue). Transports move bytes only: all security is in
/// the signed envelopes, so a transport that alters them is detected, not trusted.
public protocol InteropTransport: Sendable {
    /// Sends `request` with `body` and returns the response head and body.
    ///
    /// Throws only when no response was obtained (connection, timeout, size limit).
    func send(_ request: HTTPRequest, body: [UInt8]) async throws -> (HTTPResponse, [UInt8])
}
