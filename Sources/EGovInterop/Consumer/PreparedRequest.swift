import HTTPTypes

/// A signed request ready to send: the request, its envelope and the HTTP head.
public struct PreparedRequest: Sendable {
    /// The request.
    public let request: InteropRequest
    /// The compact JWS sent as the body.
    public let envelope: String
    /// The HTTP request head (`POST /r1/…`, `X-Road-Client`, `Content-Type`).
    public let head: HTTPRequest

    /// The body bytes.
    public var body: [UInt8] { Array(envelope.utf8) }
}
