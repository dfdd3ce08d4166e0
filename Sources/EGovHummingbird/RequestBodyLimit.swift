import HTTPTypes
import Hummingbird

/// Reading request bodies with a size limit, and the small response helpers the endpoints share.
enum RequestBodies {
    /// The outcome of reading a body with a limit.
    enum Collected {
        /// The body, at most the limit.
        case body([UInt8])
        /// The body (or its declared `Content-Length`) exceeds the limit.
        case tooLarge
    }

    /// Reads `request`'s body, stopping as soon as it exceeds `limit` bytes.
    ///
    /// A declared `Content-Length` above the limit is refused before reading.
    static func collect(_ request: Request, limit: Int) async throws -> Collected {
        if let declared = request.headers[.contentLength], let length = Int(declared), length > limit {
            return .tooLarge
        }
        var bytes: [UInt8] = []
        for try await buffer in request.body {
            guard buffer.readableBytes <= limit - bytes.count else { return .tooLarge }
            bytes.append(contentsOf: buffer.readableBytesView)
        }
        return .body(bytes)
    }

    /// Whether `request` declares the media type `expected` (parameters such as `charset` ignored,
    /// case-insensitive).
    static func hasMediaType(_ request: Request, _ expected: String) -> Bool {
        guard let value = request.headers[.contentType] else { return false }
        let mediaType = value.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return mediaType.trimmingSpaces().lowercased() == expected.lowercased()
    }

    /// A response with `body`.
    static func response(status: HTTPResponse.Status, headers: HTTPFields, body: [UInt8]) -> Response {
        var headers = headers
        headers[.contentLength] = String(body.count)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    func trimmingSpaces() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let text = Substring(self)
        guard let first = text.firstIndex(where: { !isSpace($0) }), let last = text.lastIndex(where: { !isSpace($0) })
        else { return "" }
        return text[first...last]
    }
}
