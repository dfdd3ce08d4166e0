import HTTPTypes
import NIOCore
import NIOHTTP1
import NIOPosix

/// A tiny HTTP/1.1 server on 127.0.0.1 (port chosen by the kernel) that hands every request to
/// an async handler — the way a department would mount ``InteropHTTPHandler`` in its own server.
struct LoopbackHTTPServer: Sendable {
    typealias Handler = @Sendable (HTTPRequest, [UInt8]) async -> (HTTPResponse, [UInt8])

    let channel: any Channel
    let port: Int

    var baseURL: String { "http://127.0.0.1:\(port)" }

    static func start(_ handler: @escaping Handler) async throws -> LoopbackHTTPServer {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    return try NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>(
                        wrappingChannelSynchronously: channel)
                }
            }
        guard let port = server.channel.localAddress?.port else { throw ServerError.noPort }
        let channel = server.channel
        Task {
            try? await server.executeThenClose { connections in
                try await withThrowingDiscardingTaskGroup { group in
                    for try await connection in connections {
                        group.addTask { try? await serve(connection, handler) }
                    }
                }
            }
        }
        return LoopbackHTTPServer(channel: channel, port: port)
    }

    func stop() async {
        try? await channel.close()
    }

    enum ServerError: Error { case noPort }

    private static func serve(
        _ connection: NIOAsyncChannel<HTTPServerRequestPart, HTTPServerResponsePart>, _ handler: Handler
    ) async throws {
        try await connection.executeThenClose { inbound, outbound in
            var head: HTTPRequestHead?
            var body: [UInt8] = []
            for try await part in inbound {
                switch part {
                case .head(let received):
                    head = received
                    body = []
                case .body(var buffer):
                    guard body.count + buffer.readableBytes <= 8 << 20 else { return }
                    body += buffer.readBytes(length: buffer.readableBytes) ?? []
                case .end:
                    guard let received = head else { return }
                    var fields = HTTPFields()
                    for (name, value) in received.headers {
                        if let fieldName = HTTPField.Name(name) { fields.append(HTTPField(name: fieldName, value: value)) }
                    }
                    let request = HTTPRequest(
                        method: HTTPRequest.Method(received.method.rawValue) ?? .get, scheme: nil, authority: nil,
                        path: received.uri, headerFields: fields)
                    let (response, responseBody) = await handler(request, body)
                    var headers = HTTPHeaders()
                    for field in response.headerFields { headers.add(name: field.name.rawName, value: field.value) }
                    headers.replaceOrAdd(name: "content-length", value: String(responseBody.count))
                    try await outbound.write(
                        .head(
                            HTTPResponseHead(
                                version: .http1_1, status: HTTPResponseStatus(statusCode: response.status.code),
                                headers: headers)))
                    try await outbound.write(.body(.byteBuffer(ByteBuffer(bytes: responseBody))))
                    try await outbound.write(.end(nil))
                }
            }
        }
    }
}
