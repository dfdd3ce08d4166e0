import EGovCertificates
import EGovCore
import EGovCrypto
import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Where the served Status List Token comes from.
///
/// ``StatusListPublisher`` signs tokens from a `StatusListIssuer` and keeps them for a while; a
/// department that signs elsewhere (another process, an HSM batch job) supplies its own source.
public protocol StatusListTokenSource: Sendable {
    /// The Status List Token to serve now: a compact JWS with `typ: statuslist+jwt`.
    func currentToken() async throws -> String
}

/// A ``StatusListTokenSource`` that publishes from a `StatusListIssuer` and serves the same
/// token until it is due for refreshing.
///
/// A token is signed on the first request, then again once ``refreshAfter`` seconds have passed
/// since it was signed, or after ``invalidate()`` (call it after revoking or suspending, to
/// publish the change before the refresh interval ends). Concurrent requests while a token is
/// being signed wait for that one signature.
public actor StatusListPublisher: StatusListTokenSource {
    /// The issuer whose list is published.
    public nonisolated let issuer: StatusListIssuer
    /// Seconds from signing until a token's `exp`.
    public nonisolated let validFor: TimeInterval
    /// The tokens' `ttl` (seconds a relying party may cache one), or `nil`.
    public nonisolated let timeToLive: Int?
    /// Seconds after signing at which a token is replaced: less than ``validFor``, so that no
    /// expired token is served.
    public nonisolated let refreshAfter: TimeInterval

    private let clock: any WallClock
    private var current: (token: String, signedAt: Date)?
    private var pending: Task<String, any Error>?
    private var generation = 0

    /// Creates a publisher.
    ///
    /// - Parameters:
    ///   - issuer: the issuer whose list is published.
    ///   - validFor: seconds from signing until `exp` (at least one second; default one day).
    ///   - timeToLive: `ttl`, or `nil` (default one hour).
    ///   - refreshAfter: seconds after which a token is replaced; `nil` for `timeToLive` or half of
    ///     `validFor`, whichever is shorter. Clamped to less than `validFor`.
    ///   - clock: the source of "now" (the issuer signs with its own clock).
    public init(
        issuer: StatusListIssuer, validFor: TimeInterval = 86_400, timeToLive: Int? = 3_600,
        refreshAfter: TimeInterval? = nil, clock: any WallClock = SystemClock()
    ) {
        self.issuer = issuer
        self.validFor = validFor
        self.timeToLive = timeToLive
        let half = validFor / 2
        let preferred = refreshAfter ?? min(timeToLive.map(TimeInterval.init) ?? half, half)
        self.refreshAfter = max(0, min(preferred, validFor - 1))
        self.clock = clock
    }

    /// The current token, signing a new one when none is held or the held one is due.
    ///
    /// - Throws: what `StatusListIssuer.publish(validFor:timeToLive:)` throws.
    public func currentToken() async throws -> String {
        let now = clock.now()
        if let current, now.timeIntervalSince(current.signedAt) < refreshAfter, now >= current.signedAt {
            return current.token
        }
        if let pending { return try await pending.value }
        let issuer = issuer
        let validFor = validFor
        let timeToLive = timeToLive
        let task = Task { try await issuer.publish(validFor: validFor, timeToLive: timeToLive) }
        pending = task
        let started = generation
        defer { if generation == started { pending = nil } }
        let token = try await task.value
        if generation == started { current = (token, now) }
        return token
    }

    /// Drops the held token: the next request signs a new one with the issuer's current statuses.
    public func invalidate() {
        generation += 1
        current = nil
        pending = nil
    }
}

/// The HTTP names of Status List Token publication.
public enum StatusListHTTP {
    /// `application/statuslist+jwt`: the media type of a Status List Token in JWT form.
    public static let mediaType = "application/" + StatusListToken.mediaType

    /// The strong entity tag served for `token`: the quoted base64url SHA-256 of its text.
    public static func entityTag(for token: String) -> String {
        let digest = (try? HashAlgorithm.sha256.digest(of: Array(token.utf8))) ?? []
        return "\"" + Base64URL.encode(digest) + "\""
    }

    /// The `Cache-Control` value for `token` at `time`: `max-age` from its `ttl`, no longer
    /// than until its `exp`; `no-cache` when it has no `ttl` (revalidate with the entity tag).
    ///
    /// The token is the server's own: its claims are read, not verified.
    public static func cacheControl(for token: String, at time: Date) -> String {
        let claims = unverifiedClaims(token)
        guard let ttl = claims.ttl else { return "no-cache" }
        var maxAge = ttl
        if let exp = claims.exp {
            let remaining = exp - time.timeIntervalSince1970
            maxAge = remaining.isFinite && remaining > 0 ? Int(min(remaining, Double(ttl))) : 0
        }
        return "max-age=\(max(0, maxAge))"
    }

    /// Whether an `If-None-Match` value matches `entityTag` (weak comparison, RFC 9110 §13.1.2).
    static func ifNoneMatch(_ value: String, matches entityTag: String) -> Bool {
        for candidate in value.split(separator: ",") {
            var tag = candidate.trimmingSpaces()
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            if tag == entityTag { return true }
        }
        return false
    }

    /// Whether an `Accept` value admits the token's media type (absent: yes).
    static func accepts(_ value: String?) -> Bool {
        guard let value else { return true }
        for range in value.split(separator: ",") {
            let parts = range.split(separator: ";").map { $0.trimmingSpaces().lowercased() }
            guard let mediaRange = parts.first else { continue }
            let refused = parts.dropFirst().contains { $0.replacingOccurrences(of: " ", with: "") == "q=0" }
            if !refused, mediaRange == mediaType || mediaRange == "application/*" || mediaRange == "*/*" {
                return true
            }
        }
        return false
    }

    /// `ttl` and `exp` of a compact JWS's payload, when it has them as numbers.
    private static func unverifiedClaims(_ token: String) -> (ttl: Int?, exp: Double?) {
        let segments = token.split(separator: ".", omittingEmptySubsequences: false)
        guard segments.count == 3,
            let payload = try? Base64URL.decode(segments[1], limit: StatusListToken.maximumTokenLength),
            case .object(let claims)? = try? JSONValue.parse(
                payload, limits: .init(maximumBytes: StatusListToken.maximumTokenLength, maximumDepth: 8))
        else { return (nil, nil) }
        var ttl: Int?
        if case .number(let value)? = claims["ttl"], value.isFinite, value >= 1, value <= Double(Int32.max) {
            ttl = Int(value)
        }
        var exp: Double?
        if case .number(let value)? = claims["exp"], value.isFinite { exp = value }
        return (ttl, exp)
    }
}

extension RouterMethods {
    /// Publishes a Token Status List at `path` (draft-ietf-oauth-status-list, "Status List
    /// Request").
    ///
    /// - `GET` (and `HEAD`): 200 with `source`'s current token, `Content-Type:
    ///   application/statuslist+jwt`, `Cache-Control` (``StatusListHTTP/cacheControl(for:at:)``)
    ///   and a strong `ETag` (``StatusListHTTP/entityTag(for:)``).
    /// - `If-None-Match` naming the current entity tag (or `*`): 304 with `ETag` and
    ///   `Cache-Control`, no body.
    /// - An `Accept` that excludes `application/statuslist+jwt`: 406. Other methods: 405
    ///   (`Allow: GET, HEAD`). `source` failing: 503, logged as an error without its details.
    ///
    /// - Parameters:
    ///   - path: where to publish: the path of the list's URI (`sub` of its tokens).
    ///   - source: the current token.
    ///   - clock: the source of "now" for `max-age`.
    /// - Returns: this router, for chaining.
    @discardableResult
    public func addStatusList(
        path: RouterPath, source: some StatusListTokenSource, clock: any WallClock = SystemClock()
    ) -> Self {
        let endpoint = StatusListEndpoint(source: source, clock: clock)
        for method in [HTTPRequest.Method.get, .head] {
            on(path, method: method) { request, context in
                await endpoint.get(request, logger: context.logger)
            }
        }
        for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
            on(path, method: method) { _, _ in
                var headers = HTTPFields()
                headers[.allow] = "GET, HEAD"
                return Response(status: .methodNotAllowed, headers: headers)
            }
        }
        return self
    }
}

/// The endpoint behind ``Hummingbird/RouterMethods/addStatusList(path:source:clock:)``.
struct StatusListEndpoint<Source: StatusListTokenSource>: Sendable {
    let source: Source
    let clock: any WallClock

    func get(_ request: Request, logger: Logger) async -> Response {
        guard StatusListHTTP.accepts(request.headers[.accept]) else {
            return Response(status: .notAcceptable)
        }
        let token: String
        do {
            token = try await source.currentToken()
        } catch {
            logger.error(
                "status list token unavailable",
                metadata: ["egov.statuslist.error": .string(String(describing: type(of: error)))])
            var headers = HTTPFields()
            headers[.retryAfter] = "5"
            return Response(status: .serviceUnavailable, headers: headers)
        }
        let entityTag = StatusListHTTP.entityTag(for: token)
        var headers = HTTPFields()
        headers[.eTag] = entityTag
        headers[.cacheControl] = StatusListHTTP.cacheControl(for: token, at: clock.now())
        if let condition = request.headers[.ifNoneMatch], StatusListHTTP.ifNoneMatch(condition, matches: entityTag) {
            var response = Response(status: .notModified, headers: headers)
            response.headers[.contentLength] = nil
            logger.debug("status list not modified")
            return response
        }
        headers[.contentType] = StatusListHTTP.mediaType
        let bytes = Array(token.utf8)
        logger.debug("status list served", metadata: ["egov.statuslist.bytes": .stringConvertible(bytes.count)])
        if request.method == .head {
            headers[.contentLength] = String(bytes.count)
            return Response(status: .ok, headers: headers)
        }
        return RequestBodies.response(status: .ok, headers: headers, body: bytes)
    }
}
