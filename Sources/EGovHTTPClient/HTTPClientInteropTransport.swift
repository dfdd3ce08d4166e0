import AsyncHTTPClient
import EGovInterop
import HTTPTypes
import NIOCore

/// An `InteropTransport` over HTTP(S) with AsyncHTTPClient.
///
/// Sends each request to ``baseURL`` + the request path, with a timeout and a response size
/// limit. TLS (and client certificates, if the network uses them) are configured on the
/// `HTTPClient` passed in; the envelopes are signed either way.
public struct HTTPClientInteropTransport: InteropTransport {
    /// The provider's base URL without a trailing slash, e.g. `https://dsaj.gov.mo`.
    public let baseURL: String
    /// The HTTP client.
    public let client: HTTPClient
    /// The time allowed for one exchange.
    public let timeout: TimeAmount
    /// The largest accepted response body.
    public let maximumResponseBytes: Int

    /// Creates a transport.
    public init(
        baseURL: String, client: HTTPClient = .shared, timeout: TimeAmount = .seconds(30),
        maximumResponseBytes: Int = 4 << 20
    ) {
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
        self.client = client
        self.timeout = timeout
        self.maximumResponseBytes = maximumResponseBytes
    }

    public func send(_ request: HTTPRequest, body: [UInt8]) async throws -> (HTTPResponse, [UInt8]) {
        var outgoing = HTTPClientRequest(url: baseURL + (request.path ?? "/"))
        outgoing.method = .RAW(value: request.method.rawValue)
        for field in request.headerFields {
            outgoing.headers.add(name: field.name.rawName, value: field.value)
        }
        outgoing.body = .bytes(body)
        let response = try await client.execute(outgoing, timeout: timeout)
        let buffer = try await response.body.collect(upTo: maximumResponseBytes)
        var fields = HTTPFields()
        for (name, value) in response.headers {
            if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
        }
        let head = HTTPResponse(status: .init(code: Int(response.status.code)), headerFields: fields)
        return (head, Array(buffer.readableBytesView))
    }
}
