import EGovCore
import EGovCrypto
import Foundation

/// A verified Status List Token in JWT form (draft-ietf-oauth-status-list, "Status List Token
/// in JWT Format").
///
/// Header `typ: statuslist+jwt`; claims `sub` (the list's URI), `iat`, optional `exp`, optional
/// `ttl` (seconds a consumer may cache the token) and `status_list` (the ``StatusList`` JSON).
/// Values of this type only come from ``verify(_:keys:expectedURI:at:allowedSkew:)``.
public struct StatusListToken: Sendable {
    /// The `typ` header of a Status List Token in JWT form.
    public static let mediaType = "statuslist+jwt"
    /// The largest accepted compact token, in bytes: room for the largest compressed list.
    public static let maximumTokenLength = 16 << 20

    /// `sub`: the Status List Token's URI.
    public let uri: String
    /// `iat`.
    public let issuedAt: Date
    /// `exp`, if present.
    public let expiresAt: Date?
    /// The list.
    public let list: StatusList
    /// `ttl` in seconds, if present.
    public let timeToLive: Int?

    /// Signs a Status List Token.
    ///
    /// - Parameters:
    ///   - list: the list to publish.
    ///   - uri: `sub`, the URI the token is served at (an absolute URI).
    ///   - signingKey: the Status Issuer's key; its algorithm becomes `alg`.
    ///   - keyID: `kid`, or `nil`.
    ///   - issuedAt: `iat` (whole seconds, rounded down).
    ///   - expiresAt: `exp` (whole seconds, rounded down), after `issuedAt`, or `nil`.
    ///   - timeToLive: `ttl`, positive, or `nil`.
    ///   - certificateChain: the `x5c` header (leaf first), or `nil`.
    /// - Returns: the compact JWS.
    /// - Throws: ``StatusListError/invalidParameter(_:)`` for unusable parameters, or what
    ///   compressing or signing throws.
    public static func issue(
        list: StatusList, uri: String, signingKey: any SigningKey, keyID: String?, issuedAt: Date, expiresAt: Date?,
        timeToLive: Int?, certificateChain: [[UInt8]]? = nil
    ) async throws -> String {
        guard StatusReference.isAbsoluteURI(uri) else { throw StatusListError.invalidParameter("uri is not absolute") }
        let iat = try numericDate(issuedAt, name: "issuedAt")
        var claims: [String: JSONValue] = [
            "sub": .string(uri), "iat": .number(Double(iat)), "status_list": try list.jsonValue,
        ]
        if let expiresAt {
            let exp = try numericDate(expiresAt, name: "expiresAt")
            guard exp > iat else { throw StatusListError.invalidParameter("expiresAt is not after issuedAt") }
            claims["exp"] = .number(Double(exp))
        }
        if let timeToLive {
            guard timeToLive > 0, timeToLive <= 9_007_199_254_740_992 else {
                throw StatusListError.invalidParameter("timeToLive must be positive")
            }
            claims["ttl"] = .number(Double(timeToLive))
        }
        let payload = try CanonicalJSON.serialize(.object(claims))
        let header = JWSHeader(
            algorithm: signingKey.algorithm, type: mediaType, keyID: keyID, certificateChain: certificateChain)
        return try await JWS.sign(payload: payload, header: header, key: signingKey)
    }

    /// Verifies a Status List Token and reads its claims.
    ///
    /// Checks, in order: the JWS (size, `typ` equal to `statuslist+jwt`, the key from `keys` for
    /// its `kid`/`alg`, the signature); then that the payload is a JSON object; `sub` equal to
    /// `expectedURI` (the `uri` of the Referenced Token's `status_list`); `iat` not after
    /// `at + allowedSkew`; `exp`, when present, after `at - allowedSkew`; `ttl`, when present, a
    /// positive integer; and `status_list` a valid ``StatusList``.
    ///
    /// - Parameters:
    ///   - jwt: the compact token.
    ///   - keys: the Status Issuer's verification keys.
    ///   - expectedURI: the URI the token was fetched for.
    ///   - time: the validation time (from an injected clock).
    ///   - allowedSkew: tolerated clock difference in seconds.
    /// - Throws: ``StatusListError`` naming the first problem: ``StatusListError/unexpectedTokenType(found:)``,
    ///   ``StatusListError/signatureInvalid``, ``StatusListError/tokenRejected(_:)``,
    ///   ``StatusListError/invalidClaims(_:)``, ``StatusListError/subjectMismatch``,
    ///   ``StatusListError/notYetValid``, ``StatusListError/expired``, or a list error.
    public static func verify(
        _ jwt: String, keys: JWSKeySet, expectedURI: String, at time: Date, allowedSkew: TimeInterval = 60
    ) throws(StatusListError) -> StatusListToken {
        let verified: VerifiedJWS
        do {
            verified = try JWS.verify(
                jwt, keySet: keys,
                policy: JWSVerificationPolicy(expectedType: mediaType, maximumLength: maximumTokenLength))
        } catch {
            switch error {
            case .unexpectedType(_, let found): throw .unexpectedTokenType(found: found)
            case .signatureInvalid: throw .signatureInvalid
            default: throw .tokenRejected(error)
            }
        }
        let payload: JSONValue
        do {
            payload = try JSONValue.parse(verified.payload, limits: StatusList.jsonLimits)
        } catch {
            throw .invalidClaims("the payload is not JSON: \(error.reason)")
        }
        guard case .object(let claims) = payload else { throw .invalidClaims("the payload is not a JSON object") }
        guard case .string(let subject)? = claims["sub"] else { throw .invalidClaims("sub is missing or not a string") }
        guard subject == expectedURI else { throw .subjectMismatch }
        guard case .number(let iat)? = claims["iat"], iat.isFinite else {
            throw .invalidClaims("iat is missing or not a number")
        }
        let issuedAt = Date(timeIntervalSince1970: iat)
        guard issuedAt <= time.addingTimeInterval(allowedSkew) else { throw .notYetValid }
        var expiresAt: Date?
        if let expValue = claims["exp"] {
            guard case .number(let exp) = expValue, exp.isFinite else { throw .invalidClaims("exp is not a number") }
            let expiry = Date(timeIntervalSince1970: exp)
            guard time.addingTimeInterval(-allowedSkew) < expiry else { throw .expired }
            expiresAt = expiry
        }
        var timeToLive: Int?
        if let ttlValue = claims["ttl"] {
            guard case .number(let ttl) = ttlValue, let seconds = JSONNumber.exactInteger(ttl), seconds > 0 else {
                throw .invalidClaims("ttl is not a positive integer")
            }
            timeToLive = seconds
        }
        guard let listValue = claims["status_list"] else { throw .invalidClaims("status_list is missing") }
        let list = try StatusList(jsonValue: listValue)
        return StatusListToken(
            uri: subject, issuedAt: issuedAt, expiresAt: expiresAt, list: list, timeToLive: timeToLive)
    }

    /// The status of `reference` in this token's list.
    ///
    /// - Throws: ``StatusListError/subjectMismatch`` when the reference names another list, or
    ///   ``StatusListError/indexOutOfRange(index:count:)``.
    public func status(of reference: StatusReference) throws(StatusListError) -> CredentialStatus {
        guard reference.uri == uri else { throw .subjectMismatch }
        return try list.status(at: reference.index)
    }

    private static func numericDate(_ date: Date, name: String) throws(StatusListError) -> Int {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, seconds >= 0, seconds <= 9_007_199_254_740_992 else {
            throw .invalidParameter("\(name) is not a representable NumericDate")
        }
        return Int(seconds)
    }
}
