import EGovCore
import EGovCrypto
import Foundation

/// A credential summary that verifies offline: a compact JWS (`typ: egov-offline+jwt`) over the
/// few claims a counter or an inspector needs, ZLIB-compressed and base45-encoded behind the prefix
/// `EGK1:`. Every character is in the QR alphanumeric set, so the QR code stays small.
///
/// Verification needs no network: the issuer's key comes from the ``IssuerRegistry`` (pinned JWKS
/// or `x5c` to trusted roots). Revocation still needs the status list when online; the code carries
/// the status reference for that.
public enum OfflineCredentialCode {
    /// The text prefix (version 1).
    public static let prefix = "EGK1:"
    /// The JWS media type.
    public static let mediaType = "egov-offline+jwt"
    /// Largest accepted code text and decompressed JWS.
    public static let maximumTextLength = 8 * 1024
    /// Largest decompressed payload accepted.
    public static let maximumJWSLength = 32 * 1024

    /// Why an offline code was refused.
    public enum Failure: EGovError, Equatable {
        /// Not an EGovKit offline code (prefix, base45 or compression).
        case malformed(String)
        /// The issuer is not registered, may not issue this type, or its key was not found.
        case untrustedIssuer(String)
        /// The signature or the JWS structure is invalid.
        case invalidSignature(String)
        /// The credential is expired or not yet valid.
        case outsideValidity
        /// A required claim is missing or malformed.
        case invalidClaims(String)

        public var code: String {
            switch self {
            case .malformed: "certificates.offline.malformed"
            case .untrustedIssuer: "certificates.offline.untrusted_issuer"
            case .invalidSignature: "certificates.offline.invalid_signature"
            case .outsideValidity: "certificates.offline.outside_validity"
            case .invalidClaims: "certificates.offline.invalid_claims"
            }
        }

        public var reason: String {
            switch self {
            case .malformed(let detail): "not a valid offline code: \(detail)"
            case .untrustedIssuer(let detail): "issuer not trusted: \(detail)"
            case .invalidSignature(let detail): "invalid signature: \(detail)"
            case .outsideValidity: "the credential is not valid at this time"
            case .invalidClaims(let detail): "invalid claims: \(detail)"
            }
        }
    }

    /// A verified offline code.
    public struct Verified: Sendable, Hashable {
        /// The issuer (`iss`).
        public let issuer: String
        /// The credential type (`vct`).
        public let credentialType: String
        /// All claims of the code.
        public let claims: [String: JSONValue]
        /// End of validity, if any.
        public let expiresAt: Date?
    }

    /// Issues an offline code for `claims` (which should be only what an offline check needs).
    public static func issue(
        claims: [String: JSONValue], credentialType: String, issuer: String, signingKey: any SigningKey, keyID: String?,
        certificateChain: [[UInt8]]? = nil, issuedAt: Date, expiresAt: Date?
    ) async throws -> String {
        var payload = claims
        payload["iss"] = .string(issuer)
        payload["vct"] = .string(credentialType)
        payload["iat"] = .number(issuedAt.timeIntervalSince1970.rounded(.down))
        if let expiresAt { payload["exp"] = .number(expiresAt.timeIntervalSince1970.rounded(.down)) }
        let header = JWSHeader(
            algorithm: signingKey.algorithm, type: mediaType, keyID: keyID, certificateChain: certificateChain)
        let jws = try await JWS.sign(
            payload: try CanonicalJSON.serialize(.object(payload)), header: header, key: signingKey)
        let compressed = try ZlibCodec.compress(Array(jws.utf8))
        return prefix + Base45.encode(compressed)
    }

    /// Verifies an offline code against the registry at `time`.
    public static func verify(
        _ text: String, registry: IssuerRegistry, at time: Date, allowedSkew: TimeInterval = 300
    ) throws(Failure) -> Verified {
        guard text.utf8.count <= maximumTextLength else { throw .malformed("too long") }
        guard text.hasPrefix(prefix) else { throw .malformed("missing \(prefix) prefix") }
        let compressed: [UInt8]
        do { compressed = try Base45.decode(String(text.dropFirst(prefix.count))) } catch {
            throw .malformed(error.reason)
        }
        let jwsBytes: [UInt8]
        do { jwsBytes = try ZlibCodec.decompress(compressed, limit: maximumJWSLength) } catch {
            throw .malformed(error.reason)
        }
        guard let jws = String(validating: jwsBytes, as: UTF8.self) else { throw .malformed("not text") }
        let parsed: CompactJWS
        do { parsed = try CompactJWS(parsing: jws, limit: maximumJWSLength) } catch {
            throw .invalidSignature(error.reason)
        }
        // The issuer is read before verification only to choose its key; nothing else is trusted yet.
        let parts = jws.splitting(atASCII: UInt8(ascii: "."))
        guard parts.count == 3, let unverified = try? JSONValue.parse(Base64URL.decode(parts[1])),
            case .object(let unverifiedClaims) = unverified, case .string(let issuerID)? = unverifiedClaims["iss"]
        else { throw .invalidClaims("no iss") }
        guard let issuer = registry.issuers[issuerID] else { throw .untrustedIssuer("\(issuerID) is not registered") }
        let key: any VerificationKey
        do { key = try IssuerKeyResolver.key(for: parsed.header, issuer: issuer, at: time) } catch {
            throw .untrustedIssuer("\(error)")
        }
        let verified: VerifiedJWS
        do { verified = try parsed.verified(with: key, policy: JWSVerificationPolicy(expectedType: mediaType)) } catch {
            throw .invalidSignature(error.reason)
        }
        guard case .object(let claims)? = try? JSONValue.parse(verified.payload),
            case .string(let vct)? = claims["vct"], case .string(let iss)? = claims["iss"], iss == issuerID
        else { throw .invalidClaims("vct and iss are required") }
        guard registry.allows(issuer: iss, toIssue: vct) else {
            throw .untrustedIssuer("\(iss) may not issue \(vct)")
        }
        var expiresAt: Date?
        if let exp = claims["exp"] {
            guard case .number(let seconds) = exp else { throw .invalidClaims("exp is not a number") }
            expiresAt = Date(timeIntervalSince1970: seconds)
            if let expiresAt, time.timeIntervalSince(expiresAt) > allowedSkew { throw .outsideValidity }
        }
        if case .number(let seconds)? = claims["nbf"],
            Date(timeIntervalSince1970: seconds).timeIntervalSince(time) > allowedSkew
        {
            throw .outsideValidity
        }
        return Verified(issuer: iss, credentialType: vct, claims: claims, expiresAt: expiresAt)
    }
}
